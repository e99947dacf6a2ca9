"""Missed-dose scenarios: what the status box says at a moment of a patient's day, from the
pure rules (status.py with adherence.py), in the patient's own zone.

Each row: the situation in words, the zone, intakes planned today, the usual dose times, the
doses logged (local wall-clock times), the moment looked at, and what is expected: the
planned times called missed (empty: none), and the status.
"""

from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tests.clinical.dose_cases import LIMITS, NEW_YORK, PARIS
from tracker.rules.adherence import Advice, TodayPlan
from tracker.rules.findings import DoseFact
from tracker.rules.status import Action, Situation, Status, course_status

ADVICE = (
    Advice(
        "Take a missed dose when you remember, unless it is almost time for the next one: "
        "then skip it and go on with your usual schedule.",
        "SOMA-LABEL",
    ),
    Advice("Never take two doses at once, or an extra dose, to make up for a missed one.", "X"),
)
THREE = ("08:00", "14:00", "20:00")

CASES = [
    ("all on time", PARIS, 3, THREE, ["08:00", "14:10"], "16:00", [], Status.ON_TRACK),
    ("14:00 not logged at 15:01", PARIS, 3, THREE, ["08:00"], "15:01", ["14:00"], Status.INFO),
    ("14:00 still in its grace hour", PARIS, 3, THREE, ["08:00"], "14:59", [], Status.ON_TRACK),
    ("late dose logged: not missed", PARIS, 3, THREE, ["08:00", "15:30"], "16:00", [], None),
    ("two times not logged", NEW_YORK, 3, THREE, [], "21:30", ["14:00", "20:00"], Status.INFO),
    ("a day off plans none", PARIS, 0, THREE, [], "23:00", [], Status.ON_TRACK),
    ("no dose times: within the margin", PARIS, 4, (), ["08:00"], "16:30", [], Status.ON_TRACK),
    ("no dose times: past the margin", PARIS, 4, (), ["08:00"], "17:30", ["14:00"], Status.INFO),
    (
        "early dose covers the next time",
        PARIS,
        2,
        ("08:00", "20:00"),
        ["08:00", "19:00"],
        "23:00",
        [],
        Status.ON_TRACK,
    ),
]


def _at(zone: str, day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=ZoneInfo(zone))


@pytest.mark.parametrize(
    ("what", "zone", "planned", "times", "taken", "now", "missed", "status"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_missed_dose_scenarios(what, zone, planned, times, taken, now, missed, status):
    day = date(2026, 5, 12)
    doses = tuple(DoseFact(_at(zone, day, t), Decimal("350")) for t in taken)
    previous = _at(zone, date(2026, 5, 11), "20:00")  # the course is under way
    plan = TodayPlan(
        day=day,
        planned=planned,
        dose_times=tuple(time.fromisoformat(t) for t in times),
        taken=tuple(d.taken_at for d in doses),
        last_taken_at=max((d.taken_at for d in doses), default=previous),
        advice=ADVICE,
    )
    situation = Situation(
        limits=LIMITS,
        log_mg=Decimal("350"),
        today_mg=sum((d.amount_mg for d in doses), Decimal(0)),
        recent=doses,
        has_doses=True,
        today_plan=plan,
    )
    result = course_status(situation, _at(zone, day, now), ZoneInfo(zone))
    if missed:
        assert result.missed is not None
        assert result.reason == "missed_dose" and result.action == Action.LOG
        for clock in missed:
            assert clock in result.missed.headline
        assert ADVICE[1].text in result.next_step  # never double, in the data's words
    else:
        assert result.missed is None and result.reason != "missed_dose"
    if status is not None:
        assert result.status == status


def test_a_limit_speaks_before_a_missed_dose():
    """Four doses by noon, then the 16:00 time passes: the daily maximum says not to take
    more today, so no missed dose is raised beside it (its advice would say to take one)."""
    zone, day = ZoneInfo(PARIS), date(2026, 5, 12)
    doses = tuple(
        DoseFact(datetime.combine(day, time(h), tzinfo=zone), Decimal("350")) for h in (0, 4, 8, 12)
    )
    plan = TodayPlan(
        day=day,
        planned=6,
        dose_times=(time(8), time(10), time(12), time(14), time(16), time(18)),
        taken=tuple(d.taken_at for d in doses),
        last_taken_at=doses[-1].taken_at,
        advice=ADVICE,
    )
    situation = Situation(
        limits=LIMITS,
        log_mg=Decimal("350"),
        today_mg=Decimal("1400"),
        recent=doses,
        has_doses=True,
        today_plan=plan,
    )
    result = course_status(situation, datetime.combine(day, time(17, 30), tzinfo=zone), zone)
    assert result.missed is None
    assert result.reason == "daily_max" and result.action == Action.STOP
    unblocked = course_status(
        replace(situation, today_mg=Decimal(0), recent=()),
        datetime.combine(day, time(17, 30), tzinfo=zone),
        zone,
    )
    assert unblocked.missed is not None  # the same moment, without the limit: it is raised
