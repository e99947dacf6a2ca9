"""As-needed (PRN) courses: no plan to keep to, but a ceiling — when the next dose is allowed.

The intakes a day of an as-needed prescription are "at most that many in 24 hours"; the drug's
minimum gap and daily maximum apply as to any course. The next dose is allowed once all three
hold for one more intake.
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from tracker.rules.findings import DoseFact, Limits

ROLLING_DAY = timedelta(hours=24)


def _fits(
    moment: datetime,
    doses: Sequence[DoseFact],
    log_mg: Decimal,
    limits: Limits,
    at_most_per_day: int | None,
) -> bool:
    in_window = [d for d in doses if moment - ROLLING_DAY < d.taken_at <= moment]
    taken_mg = sum((d.amount_mg for d in in_window), Decimal(0))
    if limits.max_daily_mg is not None and taken_mg + log_mg > limits.max_daily_mg:
        return False
    if at_most_per_day is not None and len(in_window) + 1 > at_most_per_day:
        return False
    if limits.min_hours_between is not None and doses:
        gap = timedelta(hours=float(limits.min_hours_between))
        if moment < max(d.taken_at for d in doses) + gap:
            return False
    return True


def next_allowed_at(
    recent: Sequence[DoseFact],
    log_mg: Decimal,
    limits: Limits,
    at_most_per_day: int | None,
) -> datetime | None:
    """Return the earliest moment after the last dose when one more intake of `log_mg` keeps
    within the minimum gap, the daily maximum over any 24 hours and the prescription's intakes
    a day; None with no dose in the last 24 hours, or when one intake alone is above the
    maximum (the dose checks say so). `recent` holds at least the doses of the 24 hours before
    any moment that matters (the dashboard's doses since yesterday)."""
    doses = [DoseFact(d.taken_at.astimezone(UTC), d.amount_mg) for d in recent]
    if not doses:
        return None
    last = max(d.taken_at for d in doses)
    # Past the last dose nothing is added, so every check only gets easier as time passes:
    # the earliest allowed moment is the last dose, the gap's end, or a dose turning 24 hours.
    candidates = {last, *(d.taken_at + ROLLING_DAY for d in doses)}
    if limits.min_hours_between is not None:
        candidates.add(last + timedelta(hours=float(limits.min_hours_between)))
    for moment in sorted(c for c in candidates if c >= last):
        if _fits(moment, doses, log_mg, limits, at_most_per_day):
            return moment
    return None
