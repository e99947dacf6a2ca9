"""What makes a dose entry unusable (as opposed to unwise): these are refused, not recorded."""

from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal

from tracker.rules.bounds import EARLIEST_MOMENT, MAX_AMOUNT_MG

# Not clinical: a typo guard. An amount this far above the drug's maximum is a slip of the keys.
TYPO_FACTOR = 10
FUTURE_TOLERANCE = timedelta(minutes=15)


def dose_input_errors(
    *,
    amount_mg: Decimal | None,
    taken_at: datetime | None,
    now: datetime,
    course_start: date,
    zone: tzinfo,
    dose_max_mg: Decimal | None,
    course_end: date | None = None,
) -> dict[str, str]:
    """Return field → message for every reason the entry cannot be recorded; `course_end`:
    the last day of an ended course, which no dose may come after."""
    errors = {}
    if amount_mg is not None:
        if amount_mg <= 0:
            errors["amount_mg"] = "Enter the amount you took, in mg (more than 0)."
        elif dose_max_mg and amount_mg > dose_max_mg * TYPO_FACTOR:
            errors["amount_mg"] = (
                f"{amount_mg.normalize():f} mg is more than {TYPO_FACTOR} times the largest "
                f"single dose ({dose_max_mg.normalize():f} mg). Check the amount: it is in mg, "
                "not micrograms or tablets."
            )
        elif amount_mg > MAX_AMOUNT_MG:
            errors["amount_mg"] = (
                f"Enter at most {MAX_AMOUNT_MG:,} mg. Check the amount: it is in mg, "
                "not micrograms."
            )
    if taken_at is not None:
        if taken_at > now + FUTURE_TOLERANCE:
            errors["taken_at"] = "That time is in the future. Log a dose once you have taken it."
        elif taken_at < EARLIEST_MOMENT:
            errors["taken_at"] = "Enter a time from 1 January 2000 on."
        elif taken_at.astimezone(zone).date() < course_start:
            errors["taken_at"] = (
                f"That is before the course started ({course_start:%d %b %Y}). "
                "Check the date, or edit the course start date."
            )
        elif course_end is not None and taken_at.astimezone(zone).date() > course_end:
            errors["taken_at"] = (
                f"That is after the course ended ({course_end:%d %b %Y}). Check the date."
            )
    return errors
