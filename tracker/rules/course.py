"""All current findings for a course: course day, today's doses, today's total and supply."""

from collections.abc import Sequence
from datetime import date, tzinfo
from decimal import Decimal

from tracker.rules.course_day import course_day, course_day_findings
from tracker.rules.doses import (
    amount_findings,
    daily_total_findings,
    local_day,
    rolling_total,
    rolling_total_findings,
    spacing_findings,
)
from tracker.rules.findings import CourseFacts, DoseFact, Finding, Limits, most_serious_first
from tracker.rules.supply import supply_findings


def reference_day(course: CourseFacts, today: date) -> date:
    """Return the day a course is judged on: today, or its end date once it has ended."""
    if course.end_date is not None and course.end_date < today:
        return course.end_date
    return today


def current_findings(
    course: CourseFacts,
    doses: Sequence[DoseFact],
    today: date,
    zone: tzinfo,
    limits: Limits,
) -> list[Finding]:
    """Return the course's findings for today, most serious first, each reported once."""
    findings = course_day_findings(
        course_day(course.start_date, reference_day(course, today)), limits
    )
    ordered = sorted(doses, key=lambda d: d.taken_at)
    today_total = Decimal(0)
    for index, dose in enumerate(ordered):
        if local_day(dose.taken_at, zone) != today:
            continue
        today_total += dose.amount_mg
        previous = ordered[index - 1].taken_at if index else None
        findings += amount_findings(dose.amount_mg, limits)
        findings += spacing_findings(previous, dose.taken_at, limits)
    calendar_day = daily_total_findings(today, today_total, limits)
    latest = ordered[-1].taken_at if ordered else None
    if latest is not None and not calendar_day and local_day(latest, zone) == today:
        calendar_day = rolling_total_findings(latest, rolling_total(latest, ordered), limits)
    findings += calendar_day
    findings += supply_findings(course, sum((d.amount_mg for d in doses), Decimal(0)), limits)
    return most_serious_first(list(dict.fromkeys(findings)))
