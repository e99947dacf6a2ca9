"""Run the drugs app's interaction matcher over a user's courses and co-medications."""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache

from drugs.interaction_data import combinations_among, rules_among
from drugs.interactions import Agent, InteractionFinding, check
from drugs.models import ReferenceVersion
from drugs.querysets import class_ids_by_drug
from drugs.severity import Severity
from tracker.models import CoMedication, Course
from tracker.rules.findings import Finding, Level

CACHE_SECONDS = 600


def course_key(course: Course) -> str:
    return f"course:{course.pk}"


def comed_key(comed: CoMedication) -> str:
    return f"comed:{comed.pk}"


def _course_agent(course: Course, classes: dict[int, frozenset[int]]) -> Agent:
    return Agent(
        key=course_key(course),
        label=f"{course.drug.generic_name} (your course)",
        drug_id=course.drug_id,
        class_ids=classes.get(course.drug_id, frozenset()),
    )


def _comed_agent(comed: CoMedication, classes: dict[int, frozenset[int]]) -> Agent:
    generic = comed.drug.generic_name if comed.drug_id else ""
    same = not generic or generic.lower() == comed.name.strip().lower()
    label = comed.name if same else f"{comed.name} ({generic})"
    return Agent(
        key=comed_key(comed),
        label=label,
        drug_id=comed.drug_id,
        class_ids=classes.get(comed.drug_id, frozenset()),
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


def _signature(courses, comeds, today) -> str:
    parts = [str(today)]
    parts += [f"c{c.pk}:{c.drug_id}:{c.status}" for c in courses]
    parts += [f"m{c.pk}:{c.drug_id}:{c.name.lower()}:{c.start_date}:{c.stop_date}" for c in comeds]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def current_report(
    courses: list[Course],
    comeds: list[CoMedication],
    today: date,
    reference_version: int | None = None,
) -> InteractionReport:
    """Return the current findings, from the cache while neither the reference data (its
    version, read here unless the caller has it) nor the user's courses and co-medications
    (their signature) have changed."""
    if reference_version is None:
        reference_version = ReferenceVersion.current()
    key = f"interactions:{reference_version}:{_signature(courses, comeds, today)}"
    cached = cache.get(key)
    if cached is not None:
        findings, unchecked_ids = cached
        return InteractionReport(findings, [c for c in comeds if c.pk in unchecked_ids])
    report = interaction_report(courses, comeds, today)
    cache.set(key, (report.findings, {c.pk for c in report.unchecked}), CACHE_SECONDS)
    return report


def interaction_report(
    courses: list[Course], comeds: list[CoMedication], today: date, *, with_past: bool = False
) -> InteractionReport:
    """Return the current findings among active courses and co-medications (a bounded set of
    queries), the entries that could not be checked, and optionally past overlaps."""
    drug_ids = {c.drug_id for c in courses} | {c.drug_id for c in comeds if c.drug_id}
    classes = class_ids_by_drug(drug_ids)
    class_ids = set().union(*classes.values()) if classes else set()
    rules = rules_among(drug_ids, class_ids)

    active_courses = [c for c in courses if c.is_active]
    active_comeds = [c for c in comeds if c.is_active_on(today)]
    agents = [_course_agent(c, classes) for c in active_courses] + [
        _comed_agent(c, classes) for c in active_comeds
    ]
    findings = check(agents, rules, combinations_among(drug_ids, class_ids))
    report = InteractionReport(
        findings=findings, unchecked=[c for c in active_comeds if c.drug_id is None]
    )
    if with_past:
        report.past = _past_overlaps(courses, comeds, today, classes, rules)
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
    return Finding(
        level=Level.DANGER if found.combination else SEVERITY_LEVEL[found.severity],
        code="combination" if found.combination else "interaction",
        message=message,
        source=f"{found.source} ({found.evidence.lower()})",
        severity=found.severity,
    )
