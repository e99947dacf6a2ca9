"""Check-ins beside the taper steps, as one list by date."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from tracker.models import CheckIn, Course, TaperStep


@dataclass(frozen=True)
class TimelineEntry:
    day: date
    step: TaperStep | None = None
    checkin: CheckIn | None = None


def timeline_entries(course: Course) -> list[TimelineEntry]:
    """Return the course's taper steps and check-ins newest first; on one day, the step comes
    before check-ins."""
    checkins = course.checkins.prefetch_related("symptoms")
    steps = course.taper_plan.steps.all() if hasattr(course, "taper_plan") else []
    entries = [TimelineEntry(day=s.start_date, step=s) for s in steps] + [
        TimelineEntry(day=timezone.localtime(c.recorded_at).date(), checkin=c) for c in checkins
    ]
    entries.sort(key=lambda e: (e.day, e.step is None, e.checkin.recorded_at if e.checkin else 0))
    return list(reversed(entries))
