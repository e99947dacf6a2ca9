"""Course-day warnings: where today falls against the drug's caution, limit and hard-limit days."""

from datetime import date

from tracker.rules.findings import Finding, Level, Limits


def course_day(start_date: date, today: date) -> int:
    """Return the course day of `today`; day 1 is the start date."""
    return (today - start_date).days + 1


def stage(day: int, limits: Limits) -> Level:
    """Return the level of a course day: info before the caution day, danger past the hard limit."""
    if limits.hard_limit_day is None:
        return Level.INFO
    if day > limits.hard_limit_day:
        return Level.DANGER
    if day >= limits.limit_day:
        return Level.WARNING
    if day >= limits.caution_day:
        return Level.CAUTION
    return Level.INFO


def course_day_findings(day: int, limits: Limits) -> list[Finding]:
    """Return the course-day findings for a day, from the drug's course limits."""
    if limits.hard_limit_day is None:
        return []
    hard, limit = limits.hard_limit_day, limits.limit_day
    default = limits.is_default("course_hard_limit_day")
    findings = [
        Finding(Level.INFO, "course_day", f"Day {day} of at most {hard}.", limits.source, default)
    ]
    level = stage(day, limits)
    if level == Level.DANGER:
        message = (
            f"Day {day}: beyond the {hard}-day limit. {limits.limit_reason} "
            "Contact your prescriber about ending the course and whether you need a taper."
        )
        findings.append(Finding(level, "course_past_limit", message, limits.source, default))
    elif level == Level.WARNING:
        message = (
            f"Day {day}: the {limit}-day mark is reached. Talk to your prescriber about "
            f"ending the course or a taper; do not go past day {hard} without their advice."
        )
        findings.append(Finding(level, "course_limit_reached", message, limits.source, default))
    elif level == Level.CAUTION:
        message = (
            f"Day {day}: the {limit}-day mark is approaching (day {limit}). Talk to your "
            "prescriber about the end of the course or a taper."
        )
        findings.append(Finding(level, "course_limit_approaching", message, limits.source, default))
    return findings


def planned_length_findings(day: int, planned_days: int | None) -> list[Finding]:
    """Return a caution once the course goes on past the length its prescriber planned (none
    when no length was given): the plan is the patient's prescription, not reference data."""
    if not planned_days or day <= planned_days:
        return []
    days = f"{planned_days} day{'s' if planned_days != 1 else ''}"
    message = (
        f"Day {day}: past the {days} your prescriber planned. Ask your prescriber whether to "
        "go on, stop or taper before taking more."
    )
    return [Finding(Level.CAUTION, "course_past_plan", message, "your prescription")]
