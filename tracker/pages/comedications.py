"""The co-medications page: what is taken now with its interactions, what was stopped, and
past overlaps with a course."""

from dataclasses import dataclass
from datetime import date

from drugs.interactions import InteractionFinding
from tracker.interactions import PastOverlap, comed_key, interaction_report
from tracker.models import CoMedication, Course


@dataclass(frozen=True)
class ComedicationsPage:
    active: list[tuple[CoMedication, list[InteractionFinding]]]
    stopped: list[tuple[CoMedication, list[PastOverlap]]]  # each with its overlaps
    unchecked: list[CoMedication]  # taken now, names we could not check


def comedications_page(user, today: date) -> ComedicationsPage:
    comeds = list(CoMedication.objects.for_owner(user))
    courses = list(Course.objects.for_interactions(user))
    report = interaction_report(courses, comeds, today, with_past=True)
    overlaps: dict[int, list[PastOverlap]] = {}
    for overlap in report.past:
        overlaps.setdefault(overlap.comed.pk, []).append(overlap)
    return ComedicationsPage(
        active=[(c, report.for_key(comed_key(c))) for c in comeds if c.is_active_on(today)],
        stopped=[(c, overlaps.get(c.pk, [])) for c in comeds if not c.is_active_on(today)],
        unchecked=report.unchecked,
    )
