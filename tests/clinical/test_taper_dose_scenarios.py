"""Doses during a taper, against the pure rules: the intakes a day in force are the step's on
the dose's local day, as the dose log takes them, and none once the plan has stopped."""

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tests.clinical.dose_cases import (
    MORE,
    PARIS,
    SOONER,
    at,
    doses_of,
    last_dose_findings,
)
from tracker.rules.taper import Step, step_on

# A 350 mg four-times-a-day course tapered to 3, 2 and 1 a day, then none.
TAPER = [
    Step(date(2026, 3, 15), Decimal("350"), 3),
    Step(date(2026, 3, 18), Decimal("350"), 2),
    Step(date(2026, 3, 21), Decimal("350"), 1),
    Step(date(2026, 3, 24), Decimal("0"), 0),
]
TAPER_DOSES = [
    # The step in force on the dose's local day sets the prescription's pace.
    (
        "taper: the day before it starts, 6 h apart",
        doses_of("350", "2026-03-14 08:00", "2026-03-14 14:00"),
        set(),
    ),
    (
        "taper: first day of 3 a day, 6 h after the last 4-a-day dose",
        doses_of("350", "2026-03-14 18:00", "2026-03-15 00:00"),
        {SOONER},
    ),
    (
        "taper 3 a day: 8 h apart",
        doses_of("350", "2026-03-16 06:00", "2026-03-16 14:00", "2026-03-16 22:00"),
        set(),
    ),
    (
        "taper 3 a day: a fourth dose in 24 h",
        doses_of(
            "350", "2026-03-16 06:00", "2026-03-16 12:00", "2026-03-16 18:00", "2026-03-17 00:00"
        ),
        {MORE, SOONER},
    ),
    ("taper 2 a day: 8 h apart", doses_of("350", "2026-03-19 08:00", "2026-03-19 16:00"), {SOONER}),
    (
        "taper 1 a day: a second dose 12 h later",
        doses_of("350", "2026-03-22 08:00", "2026-03-22 20:00"),
        {MORE, SOONER},
    ),
    ("taper 1 a day: 24 h apart", doses_of("350", "2026-03-22 08:00", "2026-03-23 08:00"), set()),
    # After the last step nothing is prescribed, so any intake is more than the plan.
    (
        "taper ended: a dose after the last step",
        doses_of("350", "2026-03-23 08:00", "2026-03-25 08:00"),
        {MORE},
    ),
]


def _taper_intakes(doses, zone_name: str) -> int:
    """Return the intakes a day in force on the last dose's local day, as the dose log does."""
    day = at(doses[-1][0], ZoneInfo(zone_name)).date()
    step = step_on(TAPER, day)
    return step.intakes_per_day if step is not None else 4


@pytest.mark.parametrize(
    ("doses", "expected"), [s[1:] for s in TAPER_DOSES], ids=[s[0] for s in TAPER_DOSES]
)
def test_taper_dose_scenario(doses, expected):
    assert last_dose_findings(PARIS, doses, _taper_intakes(doses, PARIS)) == expected
