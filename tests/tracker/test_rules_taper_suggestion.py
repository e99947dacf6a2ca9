"""The taper suggestion as pure functions: its properties over any course, and what it says."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.rules.taper import (
    Step,
    plan_errors,
)
from tracker.rules.taper_suggestion import recent_intakes, suggest_taper

doses = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("2000"), places=2)
intakes = st.integers(min_value=1, max_value=12)
days_used = st.integers(min_value=1, max_value=40)
step_lengths = st.integers(min_value=1, max_value=7)
starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@st.composite
def courses(draw):
    """Return the pure inputs of a suggestion: what is taken lately is at most prescribed."""
    n = draw(intakes)
    return {
        "mg_per_intake": draw(doses),
        "intakes_per_day": n,
        "days_used": draw(days_used),
        "taken_per_day": draw(st.integers(min_value=0, max_value=n)),
        "step_days": draw(step_lengths),
        "threshold_days": draw(st.none() | st.integers(min_value=1, max_value=30)),
        "start_date": draw(starts),
    }


@given(courses())
def test_every_suggestion_is_an_acceptable_plan(course):
    suggestion = suggest_taper(**course)
    prescribed = course["mg_per_intake"] * course["intakes_per_day"]
    assert plan_errors(list(suggestion.steps), prescribed) == []


@given(courses())
def test_the_suggestion_never_raises_the_dose_and_never_splits_one(course):
    steps = suggest_taper(**course).steps
    mg = course["mg_per_intake"]
    daily = [mg * course["intakes_per_day"]] + [s.daily_mg for s in steps]
    average = [mg * course["intakes_per_day"]] + [s.daily_mg / s.every_days for s in steps]
    for totals in (daily, average):
        assert all(later <= earlier for earlier, later in zip(totals, totals[1:], strict=False))
    assert all(s.mg_per_intake in (mg, 0) for s in steps)


@given(courses())
def test_the_suggestion_ends_in_one_stop_and_its_span_is_the_stated_one(course):
    suggestion = suggest_taper(**course)
    steps = suggestion.steps
    assert steps[0].start_date == course["start_date"]
    assert [s for s in steps if s.is_zero] == [steps[-1]]
    assert suggestion.span_days == (steps[-1].start_date - steps[0].start_date).days
    assert f"over {suggestion.span_days} days" in suggestion.text
    assert "prescriber" in suggestion.text


@given(courses())
def test_steps_drop_one_intake_at_a_time_every_step_length(course):
    steps = suggest_taper(**course).steps
    n = course["intakes_per_day"]
    level = min(course["taken_per_day"], n) or n
    if level == 1:
        assert [(s.intakes_per_day, s.every_days) for s in steps] == [(1, 2), (0, 1)]
        assert suggestion_span(steps) == max(course["step_days"], 3)
    else:
        assert [s.intakes_per_day for s in steps] == list(range(level - 1, -1, -1))
        gaps = {(b.start_date - a.start_date).days for a, b in zip(steps, steps[1:], strict=False)}
        assert gaps == {course["step_days"]}
        assert all(s.every_days == 1 for s in steps)


def suggestion_span(steps):
    return (steps[-1].start_date - steps[0].start_date).days


def test_the_carisoprodol_default_drops_one_intake_every_three_days():
    suggestion = suggest_taper(
        mg_per_intake=Decimal("350"),
        intakes_per_day=4,
        days_used=20,
        taken_per_day=4,
        step_days=3,
        threshold_days=14,
        start_date=date(2026, 3, 1),
    )
    assert [(s.start_date.day, s.intakes_per_day) for s in suggestion.steps] == [
        (1, 3),
        (4, 2),
        (7, 1),
        (10, 0),
    ]
    assert "over 9 days" in suggestion.text
    assert "usually advised" not in suggestion.text


def test_a_once_daily_course_is_spaced_out_before_it_stops():
    suggestion = suggest_taper(
        mg_per_intake=Decimal("350"),
        intakes_per_day=1,
        days_used=20,
        taken_per_day=1,
        step_days=3,
        threshold_days=14,
        start_date=date(2026, 3, 1),
    )
    assert list(suggestion.steps) == [
        Step(date(2026, 3, 1), Decimal("350"), 1, every_days=2),
        Step(date(2026, 3, 4), Decimal(0), 0),
    ]
    assert suggestion.steps[0].describe() == "350 mg once every other day"
    assert "every other day" in suggestion.text and "over 3 days" in suggestion.text


def test_it_starts_from_what_was_taken_when_that_is_lower():
    suggestion = suggest_taper(
        mg_per_intake=Decimal("350"),
        intakes_per_day=4,
        days_used=20,
        taken_per_day=2,
        step_days=3,
        threshold_days=14,
        start_date=date(2026, 3, 1),
    )
    assert [s.intakes_per_day for s in suggestion.steps] == [1, 0]
    assert "It starts from 2 a day" in suggestion.text and "4 a day prescribed" in suggestion.text


def test_a_short_course_gets_a_suggestion_that_says_a_taper_may_not_be_needed():
    suggestion = suggest_taper(
        mg_per_intake=Decimal("350"),
        intakes_per_day=3,
        days_used=7,
        taken_per_day=3,
        step_days=3,
        threshold_days=14,
        start_date=date(2026, 3, 1),
    )
    assert "used it for 7 days" in suggestion.text
    assert "usually advised after longer use" in suggestion.text
    assert "Ask your prescriber" in suggestion.text


def test_what_was_taken_lately_is_the_busiest_recent_day_at_most_the_prescription():
    assert recent_intakes([2, 3, 1], prescribed=4) == 3
    assert recent_intakes([2, 6, 1], prescribed=4) == 4
    assert recent_intakes([0, 0, 0], prescribed=4) == 4
    assert recent_intakes([], prescribed=2) == 2


@pytest.mark.parametrize(
    "intakes, step_days, usual, said",
    [(4, 3, 14, True), (4, 5, 14, False), (4, 3, None, False), (2, 3, 14, True)],
)
def test_a_schedule_shorter_than_a_usual_taper_says_so(intakes, step_days, usual, said):
    suggestion = suggest_taper(
        mg_per_intake=Decimal("350"),
        intakes_per_day=intakes,
        days_used=30,
        taken_per_day=intakes,
        step_days=step_days,
        threshold_days=14,
        start_date=date(2026, 5, 1),
        usual_days=usual,
    )
    shorter = f"shorter than the {usual} days or so a taper usually takes"
    assert (shorter in suggestion.text) is said
