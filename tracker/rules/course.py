"""All current findings for a course: course day, today's doses, today's total and supply."""

from collections.abc import Sequence
from datetime import date, tzinfo
from decimal import Decimal

from tracker.rules.course_day import course_day, course_day_findings
from tracker.rules.doses import (
    amount_findings,
    daily_total_findings,
    local_day,
    on_utc_clock,
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
    ordered = on_utc_clock(doses)
    today_total = Decimal(0)
    busiest: tuple[Decimal, DoseFact] | None = None  # today's fullest 24 hours, and its last dose
    for index, dose in enumerate(ordered):
        if local_day(dose.taken_at, zone) != today:
            continue
        today_total += dose.amount_mg
        previous = ordered[index - 1].taken_at if index else None
        findings += amount_findings(dose.amount_mg, limits)
        findings += spacing_findings(previous, dose.taken_at, limits)
        window = rolling_total(dose.taken_at, ordered)
        if busiest is None or window > busiest[0]:
            busiest = (window, dose)
    calendar_day = daily_total_findings(today, today_total, limits)
    if not calendar_day and busiest is not None:
        # Any 24 hours that held too much today stays reported all day, as the calendar day
        # does, even once a later dose starts a window that is back under the maximum.
        window, dose = busiest
        calendar_day = rolling_total_findings(dose.taken_at.astimezone(zone), window, limits)
    findings += calendar_day
    findings += supply_findings(course, sum((d.amount_mg for d in doses), Decimal(0)), limits)
    return most_serious_first(list(dict.fromkeys(findings)))
