"""What a course plans ahead, as dated events: dose times, taper step changes, limit days."""

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from tracker.rules.findings import Limits
from tracker.rules.taper import Step, step_on

HORIZON_DAYS = 60
LOOKBACK_DAYS = 7


@dataclass(frozen=True)
class PlannedEvent:
    kind: str  # "dose", "step", "caution_day" or "limit_day"
    day: date
    at: time | None  # None for an all-day event
    summary: str
    description: str = ""


def _course_day_date(start: date, day: int) -> date:
    return start + timedelta(days=day - 1)


def milestone_events(
    *, drug_name: str, start: date, limits: Limits, steps: list[Step]
) -> list[PlannedEvent]:
    """Return the caution and limit days and each taper step change as all-day events."""
    events = []
    if limits.caution_day is not None:
        events.append(
            PlannedEvent(
                "caution_day",
                _course_day_date(start, limits.caution_day),
                None,
                f"{drug_name}: the {limits.limit_day}-day mark is approaching",
                "Talk to your prescriber about the end of the course or a taper.",
            )
        )
    if limits.limit_day is not None:
        events.append(
            PlannedEvent(
                "limit_day",
                _course_day_date(start, limits.limit_day),
                None,
                f"{drug_name}: day {limits.limit_day}, the course limit is reached",
                "Talk to your prescriber about ending the course or a taper.",
            )
        )
    for step in steps:
        events.append(
            PlannedEvent("step", step.start_date, None, f"{drug_name} taper: {step.describe()}")
        )
    return events


def dose_events(
    *,
    drug_name: str,
    start: date,
    mg_per_intake: Decimal,
    intakes_per_day: int,
    limits: Limits,
    steps: list[Step],
    dose_times: list[time],
    today: date,
) -> list[PlannedEvent]:
    """Return planned dose times from a week back to the end of the course or taper."""
    if not dose_times:
        return []
    if steps:
        last = steps[-1].start_date - timedelta(days=1)
    elif limits.hard_limit_day is not None:
        last = _course_day_date(start, limits.hard_limit_day)
    else:
        last = today + timedelta(days=HORIZON_DAYS)
    last = min(last, today + timedelta(days=HORIZON_DAYS))
    day = max(start, today - timedelta(days=LOOKBACK_DAYS))
    events = []
    while day <= last:
        step = step_on(steps, day)
        count = step.intakes_on(day) if step else intakes_per_day  # none on a day off
        amount = step.mg_per_intake if step else mg_per_intake
        for moment in dose_times[:count]:
            events.append(
                PlannedEvent("dose", day, moment, f"{drug_name} {amount.normalize():f} mg")
            )
        day += timedelta(days=1)
    return events
