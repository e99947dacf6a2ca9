"""Course-day warnings at each boundary, from limits passed in (no database)."""

from datetime import date

import pytest

from tracker.rules.course_day import (
    course_day,
    course_day_findings,
    planned_length_findings,
    stage,
)
from tracker.rules.findings import Level, Limits

LIMITS = Limits(
    caution_day=11,
    limit_day=14,
    hard_limit_day=21,
    limit_reason="No evidence of benefit beyond three weeks.",
    source="SOMA-LABEL",
    app_defaults=frozenset({"course_hard_limit_day"}),
)


def codes(day, limits=LIMITS):
    return [f.code for f in course_day_findings(day, limits)]


def test_day_one_is_the_start_date():
    assert course_day(date(2026, 3, 1), date(2026, 3, 1)) == 1
    assert course_day(date(2026, 3, 1), date(2026, 3, 11)) == 11


@pytest.mark.parametrize(
    "day, level",
    [
        (1, Level.INFO),
        (10, Level.INFO),
        (11, Level.CAUTION),
        (13, Level.CAUTION),
        (14, Level.WARNING),
        (21, Level.WARNING),
        (22, Level.DANGER),
        (60, Level.DANGER),
    ],
)
def test_stage_at_each_boundary(day, level):
    assert stage(day, LIMITS) == level


def test_it_says_nothing_but_the_day_on_day_10():
    assert codes(10) == ["course_day"]


def test_it_warns_on_day_11_that_the_limit_approaches():
    assert codes(11) == ["course_day", "course_limit_approaching"]


def test_day_13_still_approaching_and_day_14_reached():
    assert codes(13)[-1] == "course_limit_approaching"
    assert codes(14)[-1] == "course_limit_reached"


def test_day_21_is_reached_and_day_22_is_past_the_limit_with_the_reason():
    assert codes(21)[-1] == "course_limit_reached"
    past = course_day_findings(22, LIMITS)[-1]
    assert past.code == "course_past_limit"
    assert past.level == Level.DANGER
    assert "No evidence of benefit" in past.message
    assert "prescriber" in past.message


def test_the_day_line_names_the_hard_limit_and_marks_it_a_default():
    first = course_day_findings(5, LIMITS)[0]
    assert first.message == "Day 5 of at most 21."
    assert first.app_default
    assert first.source == "SOMA-LABEL"


def test_thresholds_come_from_the_limits_not_the_code():
    stricter = Limits(caution_day=5, limit_day=7, hard_limit_day=10)
    assert codes(5, stricter)[-1] == "course_limit_approaching"
    assert codes(11, stricter)[-1] == "course_past_limit"


def test_a_drug_without_course_limits_gets_no_course_findings():
    assert course_day_findings(400, Limits()) == []


@pytest.mark.parametrize("day, planned", [(1, 10), (10, 10), (9, 10), (30, None), (30, 0)])
def test_nothing_is_said_within_the_planned_length_or_without_one(day, planned):
    assert planned_length_findings(day, planned) == []


@pytest.mark.parametrize(
    "day, planned, said",
    [(11, 10, "Day 11: past the 10 days"), (2, 1, "Day 2: past the 1 day "), (40, 7, "Day 40")],
)
def test_the_day_after_the_planned_length_asks_for_the_prescriber(day, planned, said):
    (finding,) = planned_length_findings(day, planned)
    assert finding.level == Level.CAUTION
    assert said in finding.message
    assert "Ask your prescriber" in finding.message
    assert finding.source == "your prescription"
