"""Supply: how long the dispensed tablets last, and logging beyond what was dispensed."""

import math
from datetime import date, timedelta
from decimal import Decimal

from tracker.rules.findings import CourseFacts, Finding, Level, Limits


def supply_mg(course: CourseFacts) -> Decimal | None:
    """Return the mg dispensed, or None when the tablet count is unknown."""
    if course.tablets_dispensed is None:
        return None
    return course.tablets_dispensed * (course.tablet_mg or course.mg_per_intake)


def runs_out_on(course: CourseFacts) -> date | None:
    """Return the last day the supply covers at the prescribed rate."""
    total = supply_mg(course)
    if total is None or course.daily_mg <= 0:
        return None
    days = math.floor(total / course.daily_mg)
    return course.start_date + timedelta(days=max(days, 1) - 1)


def supply_findings(course: CourseFacts, logged_mg: Decimal, limits: Limits) -> list[Finding]:
    """Return the supply outlook and a flag when more was logged than was dispensed."""
    total = supply_mg(course)
    if total is None:
        return []
    last_day = runs_out_on(course)
    findings = [
        Finding(
            Level.INFO,
            "supply_runs_out",
            (
                f"Taken as often as allowed, your {course.tablets_dispensed} tablets last at "
                f"least until {last_day:%a %d %b %Y}."
            )
            if course.as_needed  # the intakes a day are a ceiling, not a rate
            else f"At the prescribed rate your {course.tablets_dispensed} tablets last until "
            f"{last_day:%a %d %b %Y}.",
        )
    ]
    if logged_mg > total:
        controlled = (
            " Running out early on a controlled substance usually means no early refill: "
            "talk to your prescriber or pharmacist."
            if limits.controlled
            else ""
        )
        findings.append(
            Finding(
                Level.WARNING,
                "supply_exceeded",
                f"Doses logged ({logged_mg.normalize():f} mg) exceed what was dispensed "
                f"({total.normalize():f} mg). Check your log.{controlled}",
            )
        )
    return findings
