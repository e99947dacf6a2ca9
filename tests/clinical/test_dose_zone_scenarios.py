"""Dose scenarios across DST changes and far from UTC, and the dashboard's view of a day
(course.py current_findings), against the pure rules, in the patient's own zone."""

from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tests.clinical.dose_cases import (
    ABOVE,
    AUCKLAND,
    COURSE_DAY,
    DAILY,
    HONOLULU,
    LIMITS,
    MORE,
    NEW_YORK,
    PARIS,
    ROLLING,
    SOONER,
    TOO_SOON,
    dose_facts,
    doses_of,
    judged,
    last_dose_findings,
)
from tracker.rules.course import current_findings
from tracker.rules.findings import CourseFacts

DST = [
    # Gaps are real elapsed time, not the wall clock. Europe/Paris: 29 March 2026 02:00 → 03:00
    # and 25 October 2026 03:00 → 02:00; America/New_York: 8 March 02:00 → 03:00 and
    # 1 November 02:00 → 01:00.
    (
        "Paris spring forward: 00:30 to 04:30 is 3 real hours",
        PARIS,
        doses_of("350", "2026-03-29 00:30", "2026-03-29 04:30"),
        4,
        {TOO_SOON},
    ),
    (
        "Paris spring forward: 00:30 to 05:30 is 4 real hours",
        PARIS,
        doses_of("350", "2026-03-29 00:30", "2026-03-29 05:30"),
        4,
        {SOONER},
    ),
    (
        "Paris spring forward: 00:00 to 06:00 is 5 real hours",
        PARIS,
        doses_of("350", "2026-03-29 00:00", "2026-03-29 06:00"),
        4,
        {SOONER},
    ),
    # 24 wall-clock hours over the change are 23 real hours: the first dose is in the window.
    (
        "Paris spring forward: five doses in 24 clock hours are within 23 real hours",
        PARIS,
        doses_of(
            "350", "2026-03-28 08:00", "2026-03-28 13:00", "2026-03-28 18:00", "2026-03-28 23:00"
        )
        + [("2026-03-29 08:00", "350")],
        4,
        {ROLLING, MORE},
    ),
    (
        "Paris fall back: 00:30 to 03:30 is 4 real hours",
        PARIS,
        doses_of("350", "2026-10-25 00:30", "2026-10-25 03:30"),
        4,
        {SOONER},
    ),
    (
        "Paris fall back: 23:30 to the first 02:30 is 3 real hours",
        PARIS,
        doses_of("350", "2026-10-24 23:30", "2026-10-25 02:30+02:00"),
        4,
        {TOO_SOON},
    ),
    (
        "Paris fall back: 23:30 to the second 02:30 is 4 real hours",
        PARIS,
        doses_of("350", "2026-10-24 23:30", "2026-10-25 02:30+01:00"),
        4,
        {SOONER},
    ),
    (
        "New York spring forward: 23:00 to 03:30 is 3 h 30 real",
        NEW_YORK,
        doses_of("350", "2026-03-07 23:00", "2026-03-08 03:30"),
        4,
        {TOO_SOON},
    ),
    (
        "New York spring forward: 22:00 to 03:00 is 4 real hours",
        NEW_YORK,
        doses_of("350", "2026-03-07 22:00", "2026-03-08 03:00"),
        4,
        {SOONER},
    ),
    (
        "New York fall back: 22:30 to the first 01:30 is 3 real hours",
        NEW_YORK,
        doses_of("350", "2026-10-31 22:30", "2026-11-01 01:30-04:00"),
        4,
        {TOO_SOON},
    ),
    (
        "New York fall back: 22:30 to the second 01:30 is 4 real hours",
        NEW_YORK,
        doses_of("350", "2026-10-31 22:30", "2026-11-01 01:30-05:00"),
        4,
        {SOONER},
    ),
    (
        "New York fall back: 00:00 to 05:00 is 6 real hours",
        NEW_YORK,
        doses_of("350", "2026-11-01 00:00", "2026-11-01 05:00"),
        4,
        set(),
    ),
    # The 25-hour day is one calendar day for the daily total, though five doses from its
    # first to its last half hour are 24 h 30 min apart: never five in any 24 hours.
    (
        "New York fall back: five doses on the 25-hour day, four in any 24 h",
        NEW_YORK,
        doses_of(
            "300",
            "2026-11-01 00:00",
            "2026-11-01 06:00",
            "2026-11-01 12:00",
            "2026-11-01 18:00",
            "2026-11-01 23:30",
        ),
        4,
        {SOONER, DAILY},
    ),
]

FAR_ZONES = [
    # Pacific/Auckland is 13 hours ahead of UTC in March (NZDT), Pacific/Honolulu 10 hours
    # behind all year: the calendar day is the local one, the gaps are real hours.
    (
        "Auckland: five doses in one local day spread over two UTC days",
        AUCKLAND,
        doses_of("300", *(f"2026-03-10 {h:02d}:30" for h in (0, 5, 10, 15, 20))),
        4,
        {MORE, SOONER, DAILY},
    ),
    (
        "Auckland: five 300 mg over a night, each local day under",
        AUCKLAND,
        doses_of(
            "300",
            "2026-03-10 18:00",
            "2026-03-10 22:30",
            "2026-03-11 03:00",
            "2026-03-11 07:30",
            "2026-03-11 12:00",
        ),
        4,
        {ROLLING, MORE, SOONER},
    ),
    # NZDT ends on 5 April 2026 (03:00 → 02:00) and starts on 27 September (02:00 → 03:00).
    (
        "Auckland autumn: 23:30 to the second 02:30 is 4 real hours",
        AUCKLAND,
        doses_of("350", "2026-04-04 23:30", "2026-04-05 02:30+12:00"),
        4,
        {SOONER},
    ),
    (
        "Auckland spring: 00:30 to 04:00 is 2 h 30 real",
        AUCKLAND,
        doses_of("350", "2026-09-27 00:30", "2026-09-27 04:00"),
        4,
        {TOO_SOON},
    ),
    (
        "Honolulu: five doses in one local day, the last on the next UTC day",
        HONOLULU,
        doses_of("300", *(f"2026-03-10 {h:02d}:00" for h in (0, 5, 10, 15, 20))),
        4,
        {MORE, SOONER, DAILY},
    ),
    (
        "Honolulu: four 350 mg 6 h apart across local midnight",
        HONOLULU,
        doses_of(
            "350", "2026-03-10 18:00", "2026-03-11 00:00", "2026-03-11 06:00", "2026-03-11 12:00"
        ),
        4,
        set(),
    ),
    (
        "Honolulu: 23:00 to 01:00 on two local days is 2 h",
        HONOLULU,
        doses_of("350", "2026-03-10 23:00", "2026-03-11 01:00"),
        4,
        {TOO_SOON},
    ),
    (
        "Kiritimati, 14 h ahead: three 500 mg across local midnight",
        "Pacific/Kiritimati",
        doses_of("500", "2026-03-10 20:00", "2026-03-11 02:00", "2026-03-11 08:00"),
        4,
        {ABOVE, ROLLING},
    ),
]


@pytest.mark.parametrize(
    ("zone", "doses", "intakes", "expected"),
    [s[1:] for s in DST + FAR_ZONES],
    ids=[s[0] for s in DST + FAR_ZONES],
)
def test_dose_scenario_across_zones(zone, doses, intakes, expected):
    assert last_dose_findings(zone, doses, intakes) == expected


# The dashboard's view of today (course.py current_findings): the course day, each of today's
# doses against the drug's limits, and today's total or the fullest 24 hours today. The
# prescription's pace is said when a dose is logged, not here. Each course started five days
# before, well before the caution day, so the course day only says which day it is.
DASHBOARD = [
    ("dashboard: no doses today", PARIS, "2026-03-10", [], {COURSE_DAY}),
    (
        "dashboard: yesterday's doses are not today's findings",
        PARIS,
        "2026-03-10",
        doses_of("500", "2026-03-09 08:00"),
        {COURSE_DAY},
    ),
    (
        "dashboard: a dose above the maximum today",
        PARIS,
        "2026-03-10",
        doses_of("500", "2026-03-10 08:00"),
        {COURSE_DAY, ABOVE},
    ),
    (
        "dashboard: five doses 4 h apart from 18:00, seen the next morning",
        PARIS,
        "2026-03-11",
        doses_of(
            "350",
            "2026-03-10 18:00",
            "2026-03-10 22:00",
            "2026-03-11 02:00",
            "2026-03-11 06:00",
            "2026-03-11 10:00",
        ),
        {COURSE_DAY, ROLLING},
    ),
    # At 10:00 the 24 hours held 1,750 mg; a dose at 22:30 starts a window back at 1,400 mg.
    # What happened today stays on today's dashboard, as an over-the-maximum day does.
    (
        "dashboard: this morning's full 24 h stays after an evening dose",
        PARIS,
        "2026-03-11",
        doses_of(
            "350",
            "2026-03-10 18:00",
            "2026-03-10 22:00",
            "2026-03-11 02:00",
            "2026-03-11 06:00",
            "2026-03-11 10:00",
            "2026-03-11 22:30",
        ),
        {COURSE_DAY, ROLLING},
    ),
    (
        "dashboard: yesterday's full day leaves today's window under",
        PARIS,
        "2026-03-10",
        doses_of("350", *(f"2026-03-09 {h:02d}:00" for h in (0, 4, 8, 12, 16)), "2026-03-10 08:00"),
        {COURSE_DAY},
    ),
    (
        "dashboard: five doses today: the day, not the window too",
        PARIS,
        "2026-03-10",
        doses_of("350", *(f"2026-03-10 {h:02d}:00" for h in (0, 5, 10, 15, 20))),
        {COURSE_DAY, DAILY},
    ),
    (
        "dashboard: Paris spring forward, 00:30 to 04:30 is 3 real hours",
        PARIS,
        "2026-03-29",
        doses_of("350", "2026-03-29 00:30", "2026-03-29 04:30"),
        {COURSE_DAY, TOO_SOON},
    ),
    (
        "dashboard: Auckland, 00:30 local is today though yesterday in UTC",
        AUCKLAND,
        "2026-03-10",
        doses_of("500", "2026-03-10 00:30"),
        {COURSE_DAY, ABOVE},
    ),
    (
        "dashboard: Honolulu, 20:00 local is today though tomorrow in UTC",
        HONOLULU,
        "2026-03-10",
        doses_of("500", "2026-03-10 20:00"),
        {COURSE_DAY, ABOVE},
    ),
    (
        "dashboard: Honolulu, the next local day sees none of it",
        HONOLULU,
        "2026-03-11",
        doses_of("500", "2026-03-10 20:00"),
        {COURSE_DAY},
    ),
]


@pytest.mark.parametrize(
    ("zone", "today", "doses", "expected"),
    [s[1:] for s in DASHBOARD],
    ids=[s[0] for s in DASHBOARD],
)
def test_dashboard_scenario(zone, today, doses, expected):
    place, day = ZoneInfo(zone), date.fromisoformat(today)
    course = CourseFacts(
        start_date=day - timedelta(days=5), mg_per_intake=Decimal("350"), intakes_per_day=4
    )
    findings = current_findings(course, dose_facts(doses, place), day, place, LIMITS)
    assert judged(findings) == expected
