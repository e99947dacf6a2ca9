"""The warning log replays a course: milestones reached and each dose's findings, in order."""

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from tracker.rules.findings import CourseFacts, DoseFact, Limits
from tracker.rules.warning_log import warning_log

LIMITS = Limits(
    dose_max_mg=Decimal("350"),
    max_daily_mg=Decimal("1400"),
    min_hours_between=Decimal("4"),
    caution_day=11,
    limit_day=14,
    hard_limit_day=21,
)
MILESTONES = {"course_limit_approaching", "course_limit_reached", "course_past_limit"}
COURSE = CourseFacts(start_date=date(2026, 3, 1), mg_per_intake=Decimal("350"), intakes_per_day=4)


def test_milestones_appear_on_the_day_they_were_reached():
    log = warning_log(COURSE, [], UTC, LIMITS, last_day=date(2026, 3, 22))
    assert [(w.when.date(), w.finding.code) for w in log] == [
        (date(2026, 3, 11), "course_limit_approaching"),
        (date(2026, 3, 14), "course_limit_reached"),
        (date(2026, 3, 22), "course_past_limit"),
    ]


def test_a_short_course_reaches_no_milestone():
    assert warning_log(COURSE, [], UTC, LIMITS, last_day=date(2026, 3, 10)) == []


def test_each_dose_breaking_a_rule_is_logged_at_its_time():
    first = datetime(2026, 3, 2, 8, tzinfo=UTC)
    doses = [DoseFact(first, Decimal("350")), DoseFact(first + timedelta(hours=1), Decimal("500"))]
    log = warning_log(COURSE, doses, UTC, LIMITS, last_day=date(2026, 3, 2))
    assert {(w.when, w.finding.code) for w in log} == {
        (first + timedelta(hours=1), "dose_above_max"),
        (first + timedelta(hours=1), "dose_too_soon"),
    }


def test_each_doses_findings_are_those_found_against_every_earlier_dose():
    """The log checks each dose against its lookback only (a long course's summary grew with
    the square of its doses); on dense, irregular days that must change nothing."""
    from zoneinfo import ZoneInfo

    from tracker.rules.doses import dose_findings

    zone = ZoneInfo("Europe/Paris")
    rng = random.Random(11)
    moment, doses = datetime(2026, 3, 1, 6, 0, tzinfo=zone), []
    for _ in range(150):
        moment += timedelta(minutes=rng.choice([20, 90, 240, 400, 700, 1500, 2000]))
        doses.append(DoseFact(moment, Decimal(rng.choice([250, 350, 700]))))
    logged = warning_log(COURSE, doses, zone, LIMITS, date(2026, 6, 1))
    expected = [
        (dose.taken_at, finding.code)
        for index, dose in enumerate(doses)
        for finding in dose_findings(dose, doses[:index], zone, LIMITS, COURSE.intakes_per_day)
    ]
    got = [(w.when, w.finding.code) for w in logged if w.finding.code not in MILESTONES]
    assert len(expected) > 20
    assert sorted(got) == sorted(expected)
