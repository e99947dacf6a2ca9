"""Run the drugs app's interaction matcher over a user's courses and co-medications."""

from dataclasses import dataclass, field
from datetime import date

from drugs.interaction_data import reference_among
from drugs.interactions import Agent, InteractionFinding, check
from drugs.severity import Severity
from tracker.models import CoMedication, Course
from tracker.rules.findings import Finding, Level


def course_key(course: Course) -> str:
    return f"course:{course.pk}"


def comed_key(comed: CoMedication) -> str:
    return f"comed:{comed.pk}"


def _classes_of(drug_ids, classes: dict[int, frozenset[int]]) -> frozenset[int]:
    return frozenset().union(*(classes.get(pk, frozenset()) for pk in drug_ids))


def _course_agent(course: Course, classes: dict[int, frozenset[int]]) -> Agent:
    return Agent(
        key=course_key(course),
        label=f"{course.drug.generic_name} (your course)",
        drug_ids=frozenset({course.drug_id}),
        class_ids=classes.get(course.drug_id, frozenset()),
    )


def ingredient_ids(comed: CoMedication) -> frozenset[int]:
    """Return the entry's ingredient ids (prefetched by CoMedication.objects.for_owner)."""
    return frozenset(drug.pk for drug in comed.ingredient_list()) if comed.checked else frozenset()


def comed_label(comed: CoMedication) -> str:
    """Return the name as typed, with what it stands for when that differs: "Percocet
    (oxycodone + acetaminophen)", "Xanax (alprazolam)", "alprazolam"."""
    generics = comed.ingredient_names
    if not comed.checked or not generics or generics.lower() == comed.name.strip().lower():
        return comed.name
    return f"{comed.name} ({generics})"


def _comed_agent(comed: CoMedication, classes: dict[int, frozenset[int]]) -> Agent:
    ids = ingredient_ids(comed)
    return Agent(
        key=comed_key(comed),
        label=comed_label(comed),
        drug_ids=ids,
        class_ids=_classes_of(ids, classes),
    )


@dataclass
class InteractionReport:
    findings: list[InteractionFinding]
    unchecked: list[CoMedication]
    past: list["PastOverlap"] = field(default_factory=list)

    def for_key(self, key: str) -> list[InteractionFinding]:
        return [f for f in self.findings if f.involves(key)]


@dataclass(frozen=True)
class PastOverlap:
    comed: CoMedication
    course: Course
    start: date
    end: date
    finding: InteractionFinding | None


def interaction_report(
    courses: list[Course],
    comeds: list[CoMedication],
    today: date,
    *,
    with_past: bool = False,
    past_of: Course | None = None,
    reference_version: int | None = None,
) -> InteractionReport:
    """Return the current findings among active courses and co-medications (the reference
    rules among their drugs are kept per reference version), the entries that could not be
    checked, and optionally past overlaps (with every course, or with `past_of` alone)."""
    drug_ids = {c.drug_id for c in courses}.union(*(ingredient_ids(c) for c in comeds))
    among = reference_among(drug_ids, reference_version)
    classes, rules = among.classes, among.rules

    active_courses = [c for c in courses if c.is_active]
    active_comeds = [c for c in comeds if c.is_active_on(today)]
    agents = [_course_agent(c, classes) for c in active_courses] + [
        _comed_agent(c, classes) for c in active_comeds
    ]
    findings = check(agents, rules, among.combinations)
    report = InteractionReport(
        findings=findings, unchecked=[c for c in active_comeds if not c.checked]
    )
    if with_past:
        report.past = _past_overlaps(
            [past_of] if past_of else courses, comeds, today, classes, rules
        )
    return report


def _past_overlaps(courses, comeds, today, classes, rules) -> list[PastOverlap]:
    overlaps = []
    for comed in comeds:
        if comed.is_active_on(today) or comed.start_date > today:
            continue
        for course in courses:
            start = max(comed.start_date, course.start_date)
            end = min(comed.stop_date or today, course.end_date or today)
            if start > end:
                continue
            pair = check([_course_agent(course, classes), _comed_agent(comed, classes)], rules)
            overlaps.append(PastOverlap(comed, course, start, end, pair[0] if pair else None))
    return overlaps


# The level of a finding each interaction severity raises on the patient's pages.
SEVERITY_LEVEL = {
    Severity.CONTRAINDICATED: Level.DANGER,
    Severity.MAJOR: Level.DANGER,
    Severity.MODERATE: Level.WARNING,
    Severity.MINOR: Level.CAUTION,
}


def as_finding(found: InteractionFinding) -> Finding:
    """Return an interaction as a dashboard finding; a combination is always a danger."""
    names = " + ".join(a.label for a in found.agents)
    if found.combination:
        message = (
            f"Dangerous combination, {found.combination}: {names}. {found.effect} {found.advice}"
        )
    else:
        message = f"{names}: {found.effect} {found.advice}"
        for other in found.also:
            message += f" Also ({other.severity}): {other.effect} {other.advice}"
    return Finding(
        level=Level.DANGER if found.combination else SEVERITY_LEVEL[found.severity],
        code="combination" if found.combination else "interaction",
        message=message,
        source=f"{found.source} ({found.evidence.lower()})",
        severity=found.severity,
        advice=found.advice,
    )


def not_checked_findings(course: Course, unchecked: list[CoMedication]) -> list[Finding]:
    """Return a caution naming what could not be checked against the course: never an
    all-clear while a name is unknown."""
    if not unchecked:
        return []
    names = ", ".join(c.name for c in unchecked)
    return [
        Finding(
            level=Level.CAUTION,
            code="not_checked",
            message=(
                f"{names}: not checked against {course.drug.generic_name}. "
                "We could not match the name to our reference data, so no interaction check "
                "was made. Ask your pharmacist before taking them together."
            ),
        )
    ]
