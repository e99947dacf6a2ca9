"""Adherence, missed doses and the as-needed next dose, as pure rules: no database."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from tests.clinical.dose_cases import LIMITS
from tracker.rules.adherence import (
    Advice,
    TodayPlan,
    adherence,
    missed_dose,
    missed_dose_finding,
)
from tracker.rules.as_needed import next_allowed_at
from tracker.rules.doses import dose_findings
from tracker.rules.findings import DoseFact, Level
from tracker.rules.taper import Step

PARIS = ZoneInfo("Europe/Paris")
ADVICE = (
    Advice("Take it when you remember, unless it is almost time for the next one.", "LABEL"),
    Advice("Never take two doses at once.", "LABEL"),
)


def _paris(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


def _rows(taken, *, start, today, intakes=4, steps=(), last_day=None):
    return adherence(
        taken_at=[_paris(t) for t in taken],
        zone=PARIS,
        start=date.fromisoformat(start),
        last_day=date.fromisoformat(last_day or today),
        today=date.fromisoformat(today),
        course_intakes=intakes,
        steps=steps,
    )


def test_it_counts_each_day_that_is_over_and_shows_today_apart():
    result = _rows(
        ["2026-05-01 08:00", "2026-05-01 14:00", "2026-05-02 08:00", "2026-05-03 08:00"],
        start="2026-05-01",
        today="2026-05-03",
        intakes=2,
    )
    assert [(d.planned, d.taken, d.over) for d in result.days] == [
        (2, 2, True),
        (2, 1, True),
        (2, 1, False),
    ]
    assert (result.planned, result.as_planned, result.not_taken) == (4, 3, 1)
    assert result.percent == 75
    assert result.today.taken == 1 and result.today.not_taken == 0  # the day is not over


def test_it_has_no_figure_before_the_first_day_is_over():
    result = _rows(["2026-05-01 08:00"], start="2026-05-01", today="2026-05-01")
    assert result.percent is None and result.planned == 0


def test_a_dose_beyond_the_plan_never_makes_up_for_a_missed_one():
    result = _rows(
        ["2026-05-01 08:00", "2026-05-02 08:00", "2026-05-02 12:00", "2026-05-02 16:00"],
        start="2026-05-01",
        today="2026-05-03",
        intakes=2,
    )
    assert (result.as_planned, result.not_taken, result.extra) == (3, 1, 1)
    assert result.percent == 75


def test_taper_steps_set_the_plan_and_a_day_off_plans_none():
    steps = [
        Step(date(2026, 5, 2), Decimal("350"), 1, every_days=2),
        Step(date(2026, 5, 6), Decimal(0), 0),
    ]
    result = _rows(
        ["2026-05-02 08:00", "2026-05-03 08:00", "2026-05-04 08:00"],
        start="2026-05-01",
        today="2026-05-07",
        steps=steps,
    )
    assert [d.planned for d in result.days] == [4, 1, 0, 1, 0, 0, 0]
    assert result.days[2].extra == 1  # a dose on the day off is more than planned
    assert result.days[0].not_taken == 4


def test_a_dose_just_after_midnight_on_the_dst_day_counts_on_that_local_day():
    # 29 March 2026: Paris skips 02:00 → 03:00; 00:30 local is still 28 March in UTC.
    taken = [datetime(2026, 3, 28, 23, 30, tzinfo=UTC)]  # 00:30 in Paris, 29 March
    result = adherence(
        taken_at=taken,
        zone=PARIS,
        start=date(2026, 3, 28),
        last_day=date(2026, 3, 30),
        today=date(2026, 3, 30),
        course_intakes=1,
    )
    assert [d.taken for d in result.days] == [0, 1, 0]


def test_an_ended_course_is_counted_to_its_end_date_only():
    result = _rows(
        ["2026-05-01 08:00", "2026-05-09 08:00"],
        start="2026-05-01",
        today="2026-05-10",
        last_day="2026-05-02",
        intakes=1,
    )
    assert len(result.days) == 2 and result.percent == 50


def _plan(planned=4, times=(), taken=(), last=None, day="2026-05-10"):
    return TodayPlan(
        day=date.fromisoformat(day),
        planned=planned,
        dose_times=tuple(time.fromisoformat(t) for t in times),
        taken=tuple(_paris(t) for t in taken),
        last_taken_at=_paris(last) if last else (_paris(taken[-1]) if taken else None),
        advice=ADVICE,
    )


TIMES = ("08:00", "14:00", "20:00")


def test_a_dose_time_is_missed_only_once_the_grace_period_has_passed():
    plan = _plan(3, TIMES, taken=["2026-05-10 08:05"])
    assert missed_dose(plan, _paris("2026-05-10 14:59")) is None
    missed = missed_dose(plan, _paris("2026-05-10 15:00"))
    assert [t.astimezone(PARIS).strftime("%H:%M") for t in missed.due_at] == ["14:00"]
    assert missed.next_due_at.astimezone(PARIS).strftime("%H:%M") == "20:00"


def test_two_late_dose_times_are_both_named():
    plan = _plan(3, TIMES, taken=[], last="2026-05-09 20:00")
    missed = missed_dose(plan, _paris("2026-05-10 16:00"))
    assert len(missed.due_at) == 2


def test_nothing_is_missed_once_todays_doses_are_logged_or_on_a_day_off():
    assert (
        missed_dose(
            _plan(2, TIMES, taken=["2026-05-10 07:50", "2026-05-10 13:00"]),
            _paris("2026-05-10 23:00"),
        )
        is None
    )
    assert missed_dose(_plan(0, TIMES, last="2026-05-09 08:00"), _paris("2026-05-10 23:00")) is None


def test_nothing_is_missed_before_the_first_dose_of_the_course():
    assert missed_dose(_plan(3, TIMES), _paris("2026-05-10 23:00")) is None


def test_only_as_many_dose_times_as_planned_doses_count():
    plan = _plan(1, TIMES, taken=["2026-05-10 08:30"])
    assert missed_dose(plan, _paris("2026-05-10 23:00")) is None


def test_without_dose_times_the_interval_and_its_margin_decide():
    plan = _plan(4, taken=["2026-05-10 08:00"])  # 6-hour interval, 3 hours of margin
    assert missed_dose(plan, _paris("2026-05-10 16:59")) is None
    missed = missed_dose(plan, _paris("2026-05-10 17:00"))
    assert missed.due_at[0].astimezone(PARIS).strftime("%H:%M") == "14:00"
    assert not missed.by_dose_time


def test_a_night_between_doses_is_not_a_missed_dose():
    plan = _plan(2, taken=[], last="2026-05-09 21:00")  # 12-hour interval, 6 of margin
    assert missed_dose(plan, _paris("2026-05-10 08:00")) is None


def test_a_dose_time_on_the_dst_day_is_the_local_wall_time():
    # 29 March 2026 in Paris: 08:00 local is 06:00 UTC (the day before, it was 07:00 UTC).
    plan = _plan(1, ("08:00",), last="2026-03-28 08:00", day="2026-03-29")
    assert missed_dose(plan, datetime(2026, 3, 29, 6, 59, tzinfo=UTC).astimezone(PARIS)) is None
    missed = missed_dose(plan, datetime(2026, 3, 29, 7, 0, tzinfo=UTC).astimezone(PARIS))
    assert missed.due_at == (datetime(2026, 3, 29, 6, 0, tzinfo=UTC),)


def test_the_missed_note_carries_the_reference_advice_and_never_says_to_double():
    missed = missed_dose(_plan(3, TIMES, taken=["2026-05-10 08:00"]), _paris("2026-05-10 16:00"))
    finding = missed_dose_finding(missed, ADVICE, PARIS)
    assert finding.code == "missed_dose" and finding.level == Level.INFO
    assert finding.headline == "A dose due at 14:00 not logged yet."
    assert "Your next usual dose time is 20:00." in finding.message
    assert "Never take two doses at once." in finding.message
    assert finding.source == "LABEL"
    assert "double" not in finding.message.lower()


def test_without_reference_advice_it_points_to_the_leaflet_not_to_a_rule_of_its_own():
    missed = missed_dose(_plan(3, TIMES, taken=["2026-05-10 08:00"]), _paris("2026-05-10 16:00"))
    finding = missed_dose_finding(missed, (), PARIS)
    assert "leaflet" in finding.message and finding.source == ""


def _doses(*pairs):
    return [DoseFact(_paris(t), Decimal(mg)) for t, mg in pairs]


def test_as_needed_the_next_dose_waits_for_the_minimum_gap():
    doses = _doses(("2026-05-10 12:40", "350"))
    assert next_allowed_at(doses, Decimal("350"), LIMITS, 4) == _paris("2026-05-10 16:40")


def test_as_needed_the_ceiling_of_intakes_a_day_holds_over_any_24_hours():
    doses = _doses(
        ("2026-05-09 20:00", "250"),
        ("2026-05-10 00:30", "250"),
        ("2026-05-10 05:00", "250"),
        ("2026-05-10 09:30", "250"),
    )
    # Four in 24 hours: the fifth waits until the first is 24 hours old.
    assert next_allowed_at(doses, Decimal("250"), LIMITS, 4) == _paris("2026-05-10 20:00")
    assert next_allowed_at(doses, Decimal("250"), LIMITS, 6) == _paris("2026-05-10 13:30")


def test_as_needed_the_daily_maximum_holds_over_any_24_hours():
    doses = _doses(
        ("2026-05-09 22:00", "350"),
        ("2026-05-10 02:00", "350"),
        ("2026-05-10 06:00", "350"),
        ("2026-05-10 10:00", "350"),
    )
    # 1,400 mg in 24 hours: one more waits until 22:00 (the first leaves the window).
    assert next_allowed_at(doses, Decimal("350"), LIMITS, 8) == _paris("2026-05-10 22:00")


def test_as_needed_with_no_recent_dose_there_is_no_wait():
    assert next_allowed_at([], Decimal("350"), LIMITS, 4) is None


def test_as_needed_the_wait_is_measured_on_the_utc_clock_across_dst():
    doses = [DoseFact(_paris("2026-03-29 00:30"), Decimal("350"))]
    allowed = next_allowed_at(doses, Decimal("350"), LIMITS, 4)
    assert allowed - doses[0].taken_at == timedelta(hours=4)
    assert allowed.astimezone(PARIS).strftime("%H:%M") == "05:30"


def _codes(doses, as_needed):
    *earlier, last = doses
    return {f.code for f in dose_findings(last, earlier, PARIS, LIMITS, 4, as_needed=as_needed)}


def test_as_needed_there_is_no_interval_to_keep_but_the_ceiling_holds():
    two = _doses(("2026-05-10 08:00", "350"), ("2026-05-10 12:30", "350"))
    assert "sooner_than_prescribed" in _codes(two, as_needed=False)
    assert "sooner_than_prescribed" not in _codes(two, as_needed=True)
    five = _doses(*[(f"2026-05-10 {h:02d}:00", "250") for h in (1, 6, 11, 16, 21)])
    assert "more_often_than_prescribed" in _codes(five, as_needed=True)
    too_soon = _doses(("2026-05-10 08:00", "350"), ("2026-05-10 10:00", "350"))
    assert "dose_too_soon" in _codes(too_soon, as_needed=True)
