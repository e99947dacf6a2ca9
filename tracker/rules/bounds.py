"""The plausible range of what the tracker stores, shared by forms, the JSON import and the
database constraints. Not clinical limits: values outside them are typos or attacks."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

# The app records present-day treatment; nothing it tracks was taken before this.
EARLIEST_DATE = date(2000, 1, 1)
EARLIEST_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)
# 100 g in one intake. No oral or injected dose of any medicine comes near it (the largest
# everyday single doses are a few grams), yet it is far above anything a typo guard should
# judge: the per-drug guard (ten times the drug's maximum dose) does that. The column itself
# (8 digits, 2 decimals) would take up to 999,999.99 mg.
MAX_AMOUNT_MG = Decimal(100_000)
MAX_INTAKES_PER_DAY = 12
# How far ahead a plan may reach: a taper step, a co-medication's planned stop.
PLAN_HORIZON = timedelta(days=366)


def latest_plan_date(today: date) -> date:
    """Return the last day a plan entered today may reach."""
    return today + PLAN_HORIZON
