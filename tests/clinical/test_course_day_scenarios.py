"""Course-day scenarios for carisoprodol, against the pure rules: every day of a month-long
course, the patient's own calendar day in zones far apart, and ended courses judged on their
last day. Each row expects the stage, the course-length findings the dashboard shows
(course.py current_findings) and the e-mail reminders due that day (reminders.py).
"""

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.rules.course import current_findings
from tracker.rules.course_day import stage
from tracker.rules.findings import CourseFacts, Level, Limits
from tracker.rules.plan_events import milestone_events
from tracker.rules.reminders import CAUTION_DAY, LIMIT_DAY, reminders_due

# Carisoprodol's course limits in drugs/reference/seed.json: a caution from day 11, the
# 14-day mark, and no more than 21 days (SOMA label: "up to two or three weeks"; the days
# themselves are app defaults there, to confirm with the prescriber).
SEED = Path(__file__).resolve().parents[2] / "drugs" / "reference" / "seed.json"
LIMIT_REASON = (
    "There is no evidence of benefit beyond two to three weeks, and longer use raises the "
    "risk of dependence and withdrawal."
)
LIMITS = Limits(
    dose_min_mg=Decimal("250"),
    dose_max_mg=Decimal("350"),
    max_daily_mg=Decimal("1400"),
    min_hours_between=Decimal("4"),
    caution_day=11,
    limit_day=14,
    hard_limit_day=21,
    limit_reason=LIMIT_REASON,
    controlled=True,
    taper_advised=True,
    taper_threshold_days=14,
    source="SOMA-LABEL",
    app_defaults=frozenset(
        {"max_daily_mg", "min_hours_between", "course_caution_day", "course_limit_day"}
        | {"course_hard_limit_day", "taper_threshold_days"}
    ),
)

DAY = ("course_day", Level.INFO)  # "Day n of at most 21", every day
APPROACHING = ("course_limit_approaching", Level.CAUTION)
REACHED = ("course_limit_reached", Level.WARNING)
PAST = ("course_past_limit", Level.DANGER)
# Reminders: the kind, and the words of its subject that tell them apart.
CAUTION_MAIL = (CAUTION_DAY, "the course limit is approaching")
LIMIT_MAIL = (LIMIT_DAY, "the course limit is reached")
PAST_MAIL = (LIMIT_DAY, "past the usual limit")
LAST_DAY_MAIL = (LIMIT_DAY, "the last day of the longest course")
BEYOND_MAIL = (LIMIT_DAY, "beyond the 21-day limit")
MAILS = [CAUTION_MAIL, LIMIT_MAIL, PAST_MAIL, LAST_DAY_MAIL, BEYOND_MAIL]

START = date(2026, 3, 1)


def _days(first: int, last: int, level: Level, findings: set, reminders: list) -> list[tuple]:
    return [(f"day {d:02d}", d, level, findings, reminders) for d in range(first, last + 1)]


EVERY_DAY = (
    # Days 1–10: within the usual length; only which day it is.
    _days(1, 10, Level.INFO, {DAY}, [])
    # Day 11: the 14-day mark is three days away, time to talk about the end or a taper;
    # one e-mail that day.
    + _days(11, 11, Level.CAUTION, {DAY, APPROACHING}, [CAUTION_MAIL])
    + _days(12, 13, Level.CAUTION, {DAY, APPROACHING}, [])
    # Day 14: the usual limit, and the e-mail that says so.
    + _days(14, 14, Level.WARNING, {DAY, REACHED}, [LIMIT_MAIL])
    # Days 15–21: past the usual limit, up to the hard limit (day 21 itself is within it).
    # Silence would read as all clear, so an e-mail comes every day until the course ends;
    # day 21's says it is the longest course's last day.
    + _days(15, 20, Level.WARNING, {DAY, REACHED}, [PAST_MAIL])
    + _days(21, 21, Level.WARNING, {DAY, REACHED}, [LAST_DAY_MAIL])
    # Day 22 on: beyond the 21-day limit, danger, and an e-mail every day that says so.
    + _days(22, 30, Level.DANGER, {DAY, PAST}, [BEYOND_MAIL])
)


def _findings(course: CourseFacts, today: date) -> set[tuple[str, Level]]:
    found = current_findings(course, [], today, ZoneInfo("UTC"), LIMITS)
    return {(f.code, f.level) for f in found}


def _reminders(start: date, today: date) -> list[tuple[str, str]]:
    due = reminders_due(drug_name="Carisoprodol", start=start, limits=LIMITS, steps=[], today=today)
    return [(r.kind, next(words for kind, words in MAILS if words in r.subject)) for r in due]


@pytest.mark.parametrize(
    ("day", "level", "findings", "reminders"),
    [row[1:] for row in EVERY_DAY],
    ids=[row[0] for row in EVERY_DAY],
)
def test_every_day_of_an_active_course(day, level, findings, reminders):
    today = START + timedelta(days=day - 1)
    course = CourseFacts(start_date=START, mg_per_intake=Decimal("350"), intakes_per_day=4)
    assert stage(day, LIMITS) == level
    assert _findings(course, today) == findings
    assert _reminders(START, today) == reminders


ZONES = [
    # The course day is the patient's calendar day: at one instant it can differ by a day
    # between Pacific/Auckland (13 h ahead in March) and Pacific/Honolulu (10 h behind).
    # (id, start, zone, now in UTC, expected day, level, findings, reminders)
    (
        "Paris: 12:30 on 11 March is day 11",
        START,
        "Europe/Paris",
        "2026-03-11T11:30Z",
        11,
        Level.CAUTION,
        {DAY, APPROACHING},
        [CAUTION_MAIL],
    ),
    (
        "Auckland: 00:30 on the 12th, still the 11th in UTC: day 12",
        START,
        "Pacific/Auckland",
        "2026-03-11T11:30Z",
        12,
        Level.CAUTION,
        {DAY, APPROACHING},
        [],
    ),
    (
        "Auckland: 23:30 on the 10th: day 10, no caution yet",
        START,
        "Pacific/Auckland",
        "2026-03-10T10:30Z",
        10,
        Level.INFO,
        {DAY},
        [],
    ),
    (
        "Honolulu: 01:30 on the 11th, already noon in Auckland: day 11",
        START,
        "Pacific/Honolulu",
        "2026-03-11T11:30Z",
        11,
        Level.CAUTION,
        {DAY, APPROACHING},
        [CAUTION_MAIL],
    ),
    (
        "Honolulu: 23:30 on the 13th, the 14th in UTC: still day 13",
        START,
        "Pacific/Honolulu",
        "2026-03-14T09:30Z",
        13,
        Level.CAUTION,
        {DAY, APPROACHING},
        [],
    ),
    (
        "New York: day 14 begins at local midnight",
        START,
        "America/New_York",
        "2026-03-14T04:30Z",
        14,
        Level.WARNING,
        {DAY, REACHED},
        [LIMIT_MAIL],
    ),
    (
        "Auckland: past the hard limit while UTC is still on day 21",
        START,
        "Pacific/Auckland",
        "2026-03-21T11:30Z",
        22,
        Level.DANGER,
        {DAY, PAST},
        [BEYOND_MAIL],
    ),
    # A DST change shortens or lengthens a day, never adds or removes one.
    (
        "Paris: day 11 on the 23-hour spring-forward day",
        date(2026, 3, 19),
        "Europe/Paris",
        "2026-03-28T23:30Z",
        11,
        Level.CAUTION,
        {DAY, APPROACHING},
        [CAUTION_MAIL],
    ),
    (
        "New York: day 22 on the 25-hour fall-back day",
        date(2026, 10, 11),
        "America/New_York",
        "2026-11-01T05:30Z",
        22,
        Level.DANGER,
        {DAY, PAST},
        [BEYOND_MAIL],
    ),
    (
        "Kiritimati, 14 h ahead: 00:30 on the 14th local is day 14",
        START,
        "Pacific/Kiritimati",
        "2026-03-13T10:30Z",
        14,
        Level.WARNING,
        {DAY, REACHED},
        [LIMIT_MAIL],
    ),
]


@pytest.mark.parametrize(
    ("start", "zone", "now", "day", "level", "findings", "reminders"),
    [row[1:] for row in ZONES],
    ids=[row[0] for row in ZONES],
)
def test_the_course_day_is_the_patients_calendar_day(
    start, zone, now, day, level, findings, reminders
):
    today = datetime.fromisoformat(now).astimezone(ZoneInfo(zone)).date()
    course = CourseFacts(start_date=start, mg_per_intake=Decimal("350"), intakes_per_day=4)
    assert (today - start).days + 1 == day
    assert stage(day, LIMITS) == level
    assert _findings(course, today) == findings
    assert _reminders(start, today) == reminders


ENDED = [
    # An ended course is judged on its last day, however long ago: how long it lasted is what
    # matters for withdrawal, not how long ago it ended. A future end date is only a plan.
    # (id, last course day, course day of today, expected level and findings)
    ("ended on day 3, seen the next day", 3, 4, Level.INFO, {DAY}),
    ("ended on day 5, seen two months later", 5, 65, Level.INFO, {DAY}),
    ("ended on day 10, the day before the caution", 10, 30, Level.INFO, {DAY}),
    ("ended on day 12, in the caution days", 12, 40, Level.CAUTION, {DAY, APPROACHING}),
    ("ended on day 14, the usual limit", 14, 20, Level.WARNING, {DAY, REACHED}),
    ("ended on day 21, exactly the hard limit", 21, 22, Level.WARNING, {DAY, REACHED}),
    ("ended on day 22, one day beyond", 22, 50, Level.DANGER, {DAY, PAST}),
    ("ended on day 30", 30, 31, Level.DANGER, {DAY, PAST}),
    ("ends today, on day 16", 16, 16, Level.WARNING, {DAY, REACHED}),
    ("ends on day 20, seen on day 9", 20, 9, Level.INFO, {DAY}),
]


@pytest.mark.parametrize(
    ("last_day", "today_day", "level", "findings"),
    [row[1:] for row in ENDED],
    ids=[row[0] for row in ENDED],
)
def test_an_ended_course_is_judged_on_its_last_day(last_day, today_day, level, findings):
    course = CourseFacts(
        start_date=START,
        end_date=START + timedelta(days=last_day - 1),
        mg_per_intake=Decimal("350"),
        intakes_per_day=4,
    )
    judged_day = min(last_day, today_day)
    assert stage(judged_day, LIMITS) == level
    assert _findings(course, START + timedelta(days=today_day - 1)) == findings


MILESTONES = [
    # The calendar's all-day events fall on course days 11 and 14, counted in calendar days.
    ("a March start", date(2026, 3, 1), date(2026, 3, 11), date(2026, 3, 14)),
    ("across the Paris spring-forward day", date(2026, 3, 20), date(2026, 3, 30), date(2026, 4, 2)),
    ("across the year end", date(2026, 12, 25), date(2027, 1, 4), date(2027, 1, 7)),
    ("across 29 February of a leap year", date(2028, 2, 20), date(2028, 3, 1), date(2028, 3, 4)),
]


@pytest.mark.parametrize(
    ("start", "caution_on", "limit_on"),
    [row[1:] for row in MILESTONES],
    ids=[row[0] for row in MILESTONES],
)
def test_the_planned_caution_and_limit_days(start, caution_on, limit_on):
    events = milestone_events(drug_name="Carisoprodol", start=start, limits=LIMITS, steps=[])
    assert {(e.kind, e.day) for e in events} == {
        ("caution_day", caution_on),
        ("limit_day", limit_on),
    }


def test_the_limits_here_are_carisoprodols_in_the_seed():
    seed = json.loads(SEED.read_text())
    [drug] = [d for d in seed["drugs"] if d["generic_name"] == "carisoprodol"]
    assert (drug["course_caution_day"], drug["course_limit_day"]) == (11, 14)
    assert drug["course_hard_limit_day"] == 21
    assert drug["course_limit_reason"] == LIMIT_REASON
    assert {"course_caution_day", "course_limit_day", "course_hard_limit_day"} <= set(
        drug["app_defaults"]
    )
    assert LIMITS.source in drug["sources"]


def test_course_day_findings_say_their_days_are_app_defaults():
    course = CourseFacts(start_date=START, mg_per_intake=Decimal("350"), intakes_per_day=4)
    found = current_findings(course, [], START + timedelta(days=24), ZoneInfo("UTC"), LIMITS)
    assert found and all(f.app_default and f.source == "SOMA-LABEL" for f in found)
