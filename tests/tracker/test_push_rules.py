"""Which notifications are due at a moment: pure rules, no database."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from tracker.rules.findings import Limits
from tracker.rules.notifications import (
    COURSE_END,
    DOSE_DUE,
    DOSE_MISSED,
    SUPPLY_LOW,
    CoursePlan,
    Preferences,
    Snooze,
    in_quiet_hours,
    notifications_due,
)
from tracker.rules.reminders import CAUTION_DAY, LIMIT_DAY, STEP_CHANGE
from tracker.rules.taper import Step

PARIS = ZoneInfo("Europe/Paris")
START = date(2026, 5, 1)
LIMITS = Limits(caution_day=11, limit_day=14, hard_limit_day=21)
# A course under way: its last dose the evening before the days the tests look at.
PLAN = CoursePlan(
    drug_name="Carisoprodol",
    start=START,
    limits=LIMITS,
    intakes_today=3,
    last_dose_at=datetime(2026, 5, 2, 20, 0, tzinfo=ZoneInfo("Europe/Paris")),
)
PREFS = Preferences(dose_times=(time(8), time(14), time(20)))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Return a local moment in Paris on that day of May 2026."""
    return datetime(2026, 5, day, hour, minute, tzinfo=PARIS)


def due(now, plan=PLAN, prefs=PREFS, snoozes=()):
    return notifications_due(plan=plan, prefs=prefs, snoozes=snoozes, now=now, zone=PARIS)


def kinds(notices):
    return [(n.kind, n.slot) for n in notices]


def test_a_dose_is_due_from_its_local_time_until_it_counts_as_missed():
    assert kinds(due(at(3, 7, 59))) == []
    assert kinds(due(at(3, 8, 0))) == [(DOSE_DUE, "08:00")]
    assert kinds(due(at(3, 8, 59))) == [(DOSE_DUE, "08:00")]
    assert kinds(due(at(3, 9, 0))) == [(DOSE_MISSED, "08:00")]
    assert kinds(due(at(3, 11, 0))) == []  # two hours after "missed", it is no longer news


def test_the_dose_notice_says_the_app_checks_limits_and_does_not_replace_the_prescriber():
    [notice] = due(at(3, 8, 0))
    assert notice.title == "Carisoprodol: your 08:00 dose"
    assert "checks it against your limits" in notice.body
    assert "your prescriber decides" in notice.body
    assert notice.has_actions and notice.dose_at == at(3, 8, 0)


def test_the_missed_delay_comes_from_the_settings():
    prefs = Preferences(dose_times=(time(8),), missed_after=timedelta(minutes=30))
    assert kinds(due(at(3, 8, 30), prefs=prefs)) == [(DOSE_MISSED, "08:00")]
    [missed] = due(at(3, 8, 30), prefs=prefs)
    assert "do not double up" in missed.body


def test_the_missed_notice_offers_taken_only_for_taking_it_now():
    """Taken logs the dose at the tap, so "if you took it, tap Taken" would log a wrong time."""
    [missed] = due(at(3, 9, 0))
    assert "If you take it now, tap Taken." in missed.body
    assert "If you took it earlier, open the app to log the time you took it." in missed.body
    assert "If you took it, tap Taken" not in missed.body


def test_nothing_is_missed_before_the_courses_first_dose():
    """A course entered at 09:30 with an 08:00 dose time has not missed it (as the dashboard)."""
    new = CoursePlan(**{**PLAN.__dict__, "start": date(2026, 5, 3), "last_dose_at": None})
    assert due(at(3, 9, 30), plan=new) == []
    assert kinds(due(at(3, 14), plan=new)) == [(DOSE_DUE, "14:00")]


def test_a_dose_logged_up_to_an_hour_early_covers_its_time():
    early = CoursePlan(**{**PLAN.__dict__, "last_dose_at": at(3, 7, 5)})
    assert due(at(3, 8, 0), plan=early) == []
    assert due(at(3, 9, 30), plan=early) == []
    too_early = CoursePlan(**{**PLAN.__dict__, "last_dose_at": at(3, 6, 55)})
    assert kinds(due(at(3, 8, 0), plan=too_early)) == [(DOSE_DUE, "08:00")]


def test_only_as_many_dose_times_as_intakes_today():
    two = CoursePlan(**{**PLAN.__dict__, "intakes_today": 2})
    assert kinds(due(at(3, 14), plan=two)) == [(DOSE_DUE, "14:00")]
    assert due(at(3, 20), plan=two) == []
    day_off = CoursePlan(**{**PLAN.__dict__, "intakes_today": 0})
    assert due(at(3, 8), plan=day_off) == []


def test_an_as_needed_course_gets_no_dose_or_missed_notices():
    as_needed = CoursePlan(**{**PLAN.__dict__, "scheduled": False})
    assert due(at(3, 8)) != [] and due(at(3, 8), plan=as_needed) == []
    assert due(at(3, 9, 30), plan=as_needed) == []


def test_quiet_hours_hold_everything_back_and_what_is_still_due_goes_out_after():
    prefs = Preferences(dose_times=(time(8),), quiet_start=time(22), quiet_end=time(8, 30))
    assert due(at(3, 8, 0), prefs=prefs) == []
    assert kinds(due(at(3, 8, 30), prefs=prefs)) == [(DOSE_DUE, "08:00")]


def test_quiet_hours_may_run_past_midnight():
    assert in_quiet_hours(time(23), time(22), time(7))
    assert in_quiet_hours(time(3), time(22), time(7))
    assert not in_quiet_hours(time(7), time(22), time(7))
    assert in_quiet_hours(time(13), time(12), time(14))
    assert not in_quiet_hours(time(15), time(12), time(14))
    assert not in_quiet_hours(time(3), None, None)


def test_a_snoozed_dose_is_due_again_at_the_snooze_time_unless_logged_meanwhile():
    snooze = Snooze("08:00", at(3, 8, 20), at(3, 8, 0))
    assert kinds(due(at(3, 8, 10), snoozes=[snooze])) == [(DOSE_DUE, "08:00")]
    [_, again] = due(at(3, 8, 20), snoozes=[snooze])
    assert again.slot == "08:00 snoozed to 08:20" and "(snoozed)" in again.title
    taken = CoursePlan(**{**PLAN.__dict__, "last_dose_at": at(3, 8, 15)})
    assert due(at(3, 8, 20), plan=taken, snoozes=[snooze]) == []


def test_a_snooze_past_midnight_stays_about_the_evening_dose():
    """A 23:50 dose snoozed to 00:05 is the dose of the day before: a dose logged at 23:55
    covers it, and its Taken is about 23:50 that day, not the next day's 23:50."""
    prefs = Preferences(dose_times=(time(23, 50),))
    snooze = Snooze("23:50", at(4, 0, 5), at(3, 23, 50))
    [again] = due(at(4, 0, 5), prefs=prefs, snoozes=[snooze])
    assert again.dose_at == at(3, 23, 50) and "(snoozed)" in again.title
    taken = CoursePlan(**{**PLAN.__dict__, "last_dose_at": at(3, 23, 55)})
    assert due(at(4, 0, 5), plan=taken, prefs=prefs, snoozes=[snooze]) == []


def test_dose_times_follow_the_local_clock_across_the_spring_change():
    # 29 March 2026: Paris moves from UTC+1 to UTC+2; 08:00 local is 06:00 UTC.
    now = datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
    evening = datetime(2026, 3, 28, 20, 0, tzinfo=PARIS)
    plan = CoursePlan(**{**PLAN.__dict__, "start": date(2026, 3, 28), "last_dose_at": evening})
    assert kinds(due(now, plan=plan)) == [(DOSE_DUE, "08:00")]


def test_the_caution_and_limit_days_come_from_the_reference_limits_at_the_first_dose_time():
    assert kinds(due(at(11, 7, 59))) == []
    assert (CAUTION_DAY, "") in kinds(due(at(11, 8)))
    [limit] = [n for n in due(at(14, 9, 30)) if n.kind == LIMIT_DAY]
    assert limit.title == "Carisoprodol: day 14, the course limit is reached"
    assert "prescriber" in limit.body and not limit.has_actions
    [past] = [n for n in due(at(21, 12)) if n.kind == LIMIT_DAY]
    assert past.title == "Carisoprodol: day 21, the last day of the longest course"
    [beyond] = [n for n in due(at(22, 12)) if n.kind == LIMIT_DAY]
    assert beyond.title == "Carisoprodol: day 22, beyond the 21-day limit"


def test_a_taper_step_change_is_announced_on_its_day():
    step = Step(date(2026, 5, 12), Decimal(350), 2)
    plan = CoursePlan(**{**PLAN.__dict__, "steps": (step,)})
    [change] = [n for n in due(at(12, 8), plan=plan) if n.kind == STEP_CHANGE]
    assert "350 mg" in change.body


def test_supply_low_with_two_days_left_and_the_planned_last_day():
    plan = CoursePlan(
        **{**PLAN.__dict__, "runs_out_on": date(2026, 5, 6), "planned_end": date(2026, 5, 7)}
    )
    assert SUPPLY_LOW not in [n.kind for n in due(at(4, 8), plan=plan)]
    assert SUPPLY_LOW in [n.kind for n in due(at(5, 8), plan=plan)]
    assert COURSE_END not in [n.kind for n in due(at(6, 8), plan=plan)]
    [end] = [n for n in due(at(7, 8), plan=plan) if n.kind == COURSE_END]
    assert "Do not stop suddenly" in end.body


def test_without_dose_times_day_notices_go_out_at_nine():
    prefs = Preferences()
    assert due(at(11, 8, 59), prefs=prefs) == []
    assert kinds(due(at(11, 9), prefs=prefs)) == [(CAUTION_DAY, "")]
