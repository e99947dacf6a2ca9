"""The suggested taper: a step-down schedule computed from the course, to agree with the
prescriber before it is followed."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tracker.rules.taper import EVERY_OTHER_DAY, Step, mg_text

# A once-daily dose spaced out to every other day holds at least two doses before the stop:
# one dose and then none would be an abrupt stop by another name.
SHORTEST_SPACED_STEP_DAYS = 3


@dataclass(frozen=True)
class Suggestion:
    """A step-down schedule to agree with the prescriber, and the words that present it."""

    steps: tuple[Step, ...]
    span_days: int  # from the first step's start to the stop step's start
    text: str


def recent_intakes(daily_counts: Iterable[int], prescribed: int) -> int:
    """Return the intakes a day actually taken lately: the most logged on any of the given
    days, at most the prescription; the prescription when nothing was logged."""
    most = max(daily_counts, default=0)
    return min(most, prescribed) if most > 0 else prescribed


def suggest_taper(
    *,
    mg_per_intake: Decimal,
    intakes_per_day: int,
    days_used: int,
    taken_per_day: int,
    step_days: int,
    threshold_days: int | None,
    start_date: date,
    usual_days: int | None = None,
) -> Suggestion:
    """Return a schedule that starts today one step below what is taken and ends at zero.

    From n ≥ 2 intakes a day, one intake goes every step_days days (n-1, …, 1, then none);
    from one a day, the same dose every other day for step_days days (at least three), then
    none. It starts from taken_per_day when that is below the prescription and never raises
    the dose or splits a dose. `usual_days`: how long the reference data says a taper usually
    takes; a shorter schedule says so, since its step sizes are only the app's defaults.
    """
    step_days = max(step_days, 1)
    level = min(taken_per_day, intakes_per_day) if taken_per_day > 0 else intakes_per_day
    if level < 1:
        stop = Step(start_date, Decimal(0), 0)
        return Suggestion((stop,), 0, "Nothing is taken now, so there is nothing to step down.")
    if level == 1:
        span = max(step_days, SHORTEST_SPACED_STEP_DAYS)
        steps = [Step(start_date, mg_per_intake, 1, EVERY_OTHER_DAY)]
        how = (
            f"It keeps the same {mg_text(mg_per_intake)} mg dose but takes it every other day "
            f"from {start_date:%a %d %b}"
        )
    else:
        span = (level - 1) * step_days
        steps = [
            Step(start_date + timedelta(days=index * step_days), mg_per_intake, level - 1 - index)
            for index in range(level - 1)
        ]
        how = (
            f"From {level} intakes a day it drops one every {step_days} day{_s(step_days)}, "
            f"starting {start_date:%a %d %b} with {level - 1} a day"
        )
    steps.append(Step(start_date + timedelta(days=span), Decimal(0), 0))
    sentences = [f"{how}, then stops: over {span} days."]
    if usual_days and 0 < span < usual_days:
        sentences.append(
            f"That is shorter than the {usual_days} days or so a taper usually takes: the step "
            "sizes are the app's defaults, and your prescriber may want each step to last longer."
        )
    if level < intakes_per_day:
        sentences.append(
            f"It starts from {level} a day, the most you logged on a recent day, rather than "
            f"the {intakes_per_day} a day prescribed."
        )
    if threshold_days is not None and days_used < threshold_days:
        sentences.append(
            f"You have used it for {days_used} day{_s(days_used)}; a taper is usually advised "
            f"after longer use (more than {threshold_days} days). Ask your prescriber whether you "
            "need one."
        )
    sentences.append("Agree it with your prescriber before you follow it: their schedule wins.")
    return Suggestion(tuple(steps), span, " ".join(sentences))


def _s(count: int) -> str:
    return "" if count == 1 else "s"
