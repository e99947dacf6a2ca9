"""Clinical scenarios for the suggested taper, against the pure rule only.

Carisoprodol's reference step length is 3 days and its taper threshold 14 days (app defaults in
drugs/reference/seed.json). Each row: intakes a day prescribed, mg per intake, course days used,
intakes a day taken lately (0: nothing logged, so the prescription), then the expected steps as
(daily mg on a dose day, every_days) and the span in days from the first step to the stop.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tracker.rules.taper import plan_errors
from tracker.rules.taper_suggestion import suggest_taper

STEP_DAYS, THRESHOLD_DAYS = 3, 14
START = date(2026, 5, 4)

SCENARIOS = [
    # Once a day: the same dose every other day for 3 days, then stop.
    (1, 350, 3, 0, [(350, 2), (0, 1)], 3),
    (1, 350, 3, 1, [(350, 2), (0, 1)], 3),
    (1, 350, 7, 0, [(350, 2), (0, 1)], 3),
    (1, 350, 7, 1, [(350, 2), (0, 1)], 3),
    (1, 350, 14, 0, [(350, 2), (0, 1)], 3),
    (1, 350, 14, 1, [(350, 2), (0, 1)], 3),
    (1, 350, 21, 0, [(350, 2), (0, 1)], 3),
    (1, 350, 21, 1, [(350, 2), (0, 1)], 3),
    (1, 350, 30, 0, [(350, 2), (0, 1)], 3),
    (1, 350, 30, 1, [(350, 2), (0, 1)], 3),
    (1, 350, 40, 0, [(350, 2), (0, 1)], 3),
    (1, 350, 40, 1, [(350, 2), (0, 1)], 3),
    # Twice a day: once a day for 3 days, then stop; from one a day, as once a day.
    (2, 350, 3, 0, [(350, 1), (0, 1)], 3),
    (2, 350, 3, 1, [(350, 2), (0, 1)], 3),
    (2, 350, 3, 2, [(350, 1), (0, 1)], 3),
    (2, 350, 7, 0, [(350, 1), (0, 1)], 3),
    (2, 350, 7, 1, [(350, 2), (0, 1)], 3),
    (2, 350, 7, 2, [(350, 1), (0, 1)], 3),
    (2, 350, 14, 0, [(350, 1), (0, 1)], 3),
    (2, 350, 14, 1, [(350, 2), (0, 1)], 3),
    (2, 350, 14, 2, [(350, 1), (0, 1)], 3),
    (2, 350, 21, 0, [(350, 1), (0, 1)], 3),
    (2, 350, 21, 1, [(350, 2), (0, 1)], 3),
    (2, 350, 21, 2, [(350, 1), (0, 1)], 3),
    (2, 350, 30, 0, [(350, 1), (0, 1)], 3),
    (2, 350, 30, 1, [(350, 2), (0, 1)], 3),
    (2, 350, 30, 2, [(350, 1), (0, 1)], 3),
    (2, 350, 40, 0, [(350, 1), (0, 1)], 3),
    (2, 350, 40, 1, [(350, 2), (0, 1)], 3),
    (2, 350, 40, 2, [(350, 1), (0, 1)], 3),
    # Three times a day (250 mg tablets): one intake fewer every 3 days.
    (3, 250, 3, 0, [(500, 1), (250, 1), (0, 1)], 6),
    (3, 250, 3, 1, [(250, 2), (0, 1)], 3),
    (3, 250, 3, 2, [(250, 1), (0, 1)], 3),
    (3, 250, 3, 3, [(500, 1), (250, 1), (0, 1)], 6),
    (3, 250, 7, 0, [(500, 1), (250, 1), (0, 1)], 6),
    (3, 250, 7, 1, [(250, 2), (0, 1)], 3),
    (3, 250, 7, 2, [(250, 1), (0, 1)], 3),
    (3, 250, 7, 3, [(500, 1), (250, 1), (0, 1)], 6),
    (3, 250, 14, 0, [(500, 1), (250, 1), (0, 1)], 6),
    (3, 250, 14, 1, [(250, 2), (0, 1)], 3),
    (3, 250, 14, 2, [(250, 1), (0, 1)], 3),
    (3, 250, 14, 3, [(500, 1), (250, 1), (0, 1)], 6),
    (3, 250, 21, 0, [(500, 1), (250, 1), (0, 1)], 6),
    (3, 250, 21, 1, [(250, 2), (0, 1)], 3),
    (3, 250, 21, 2, [(250, 1), (0, 1)], 3),
    (3, 250, 21, 3, [(500, 1), (250, 1), (0, 1)], 6),
    (3, 250, 30, 0, [(500, 1), (250, 1), (0, 1)], 6),
    (3, 250, 30, 1, [(250, 2), (0, 1)], 3),
    (3, 250, 30, 2, [(250, 1), (0, 1)], 3),
    (3, 250, 30, 3, [(500, 1), (250, 1), (0, 1)], 6),
    (3, 250, 40, 0, [(500, 1), (250, 1), (0, 1)], 6),
    (3, 250, 40, 1, [(250, 2), (0, 1)], 3),
    (3, 250, 40, 2, [(250, 1), (0, 1)], 3),
    (3, 250, 40, 3, [(500, 1), (250, 1), (0, 1)], 6),
    # Four times a day: one intake fewer every 3 days, from what was taken.
    (4, 350, 3, 0, [(1050, 1), (700, 1), (350, 1), (0, 1)], 9),
    (4, 350, 3, 1, [(350, 2), (0, 1)], 3),
    (4, 350, 3, 2, [(350, 1), (0, 1)], 3),
    (4, 350, 3, 3, [(700, 1), (350, 1), (0, 1)], 6),
    (4, 350, 3, 4, [(1050, 1), (700, 1), (350, 1), (0, 1)], 9),
    (4, 350, 7, 0, [(1050, 1), (700, 1), (350, 1), (0, 1)], 9),
    (4, 350, 7, 1, [(350, 2), (0, 1)], 3),
    (4, 350, 7, 2, [(350, 1), (0, 1)], 3),
    (4, 350, 7, 3, [(700, 1), (350, 1), (0, 1)], 6),
    (4, 350, 7, 4, [(1050, 1), (700, 1), (350, 1), (0, 1)], 9),
    (4, 350, 14, 0, [(1050, 1), (700, 1), (350, 1), (0, 1)], 9),
    (4, 350, 14, 1, [(350, 2), (0, 1)], 3),
    (4, 350, 14, 2, [(350, 1), (0, 1)], 3),
    (4, 350, 14, 3, [(700, 1), (350, 1), (0, 1)], 6),
    (4, 350, 14, 4, [(1050, 1), (700, 1), (350, 1), (0, 1)], 9),
    (4, 350, 21, 0, [(1050, 1), (700, 1), (350, 1), (0, 1)], 9),
    (4, 350, 21, 1, [(350, 2), (0, 1)], 3),
    (4, 350, 21, 2, [(350, 1), (0, 1)], 3),
    (4, 350, 21, 3, [(700, 1), (350, 1), (0, 1)], 6),
    (4, 350, 21, 4, [(1050, 1), (700, 1), (350, 1), (0, 1)], 9),
    (4, 350, 30, 0, [(1050, 1), (700, 1), (350, 1), (0, 1)], 9),
    (4, 350, 30, 1, [(350, 2), (0, 1)], 3),
    (4, 350, 30, 2, [(350, 1), (0, 1)], 3),
    (4, 350, 30, 3, [(700, 1), (350, 1), (0, 1)], 6),
    (4, 350, 30, 4, [(1050, 1), (700, 1), (350, 1), (0, 1)], 9),
    (4, 350, 40, 0, [(1050, 1), (700, 1), (350, 1), (0, 1)], 9),
    (4, 350, 40, 1, [(350, 2), (0, 1)], 3),
    (4, 350, 40, 2, [(350, 1), (0, 1)], 3),
    (4, 350, 40, 3, [(700, 1), (350, 1), (0, 1)], 6),
    (4, 350, 40, 4, [(1050, 1), (700, 1), (350, 1), (0, 1)], 9),
]


def _id(row) -> str:
    n, _, days, taken, *_ = row
    return f"{n}x-day{days}-took{taken or n}"


@pytest.mark.parametrize(
    "intakes, mg, days_used, taken, expected, span", SCENARIOS, ids=[_id(r) for r in SCENARIOS]
)
def test_the_suggested_taper(intakes, mg, days_used, taken, expected, span):
    suggestion = suggest_taper(
        mg_per_intake=Decimal(mg),
        intakes_per_day=intakes,
        days_used=days_used,
        taken_per_day=taken,
        step_days=STEP_DAYS,
        threshold_days=THRESHOLD_DAYS,
        start_date=START,
    )
    steps = suggestion.steps
    assert [(s.daily_mg, s.every_days) for s in steps] == expected
    assert suggestion.span_days == span
    assert steps[0].start_date == START and steps[-1].start_date == START + timedelta(days=span)
    if len(steps) > 2:  # daily steps change every step length
        starts = [s.start_date for s in steps]
        assert {(b - a).days for a, b in zip(starts, starts[1:], strict=False)} == {STEP_DAYS}
    assert plan_errors(list(steps), Decimal(mg) * intakes) == []
    assert f"over {span} days" in suggestion.text
    assert "prescriber" in suggestion.text
    assert ("usually advised after longer use" in suggestion.text) == (days_used < THRESHOLD_DAYS)
    assert ("It starts from" in suggestion.text) == (0 < taken < intakes)


def test_there_are_enough_scenarios():
    assert len(SCENARIOS) >= 60
