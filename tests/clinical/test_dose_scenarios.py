"""Dose scenarios a pharmacist would check, against the pure rules: the per-dose range, the
calendar day and any 24 hours, the pharmacological spacing, and the prescription's pace, in
the patient's own zone, across DST changes and far from UTC.

Each row lists the doses as local wall-clock times in the row's zone ("+01:00" pins which of
two repeated fall-back times is meant) and judges the last of them against the ones before,
as the dose log does; the dashboard's view of a day is the second table.
"""

from datetime import UTC as UTC_CLOCK
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tracker.rules.course import current_findings
from tracker.rules.doses import dose_findings
from tracker.rules.findings import CourseFacts, DoseFact, Level, Limits
from tracker.rules.taper import Step, step_on

# Carisoprodol's limits as in drugs/reference/seed.json: 250–350 mg an intake and 1,400 mg a
# day (350 mg four times a day, SOMA label); the 4-hour minimum gap and the daily maximum are
# app defaults there, to confirm with the prescriber.
LIMITS = Limits(
    dose_min_mg=Decimal("250"),
    dose_max_mg=Decimal("350"),
    max_daily_mg=Decimal("1400"),
    min_hours_between=Decimal("4"),
    caution_day=11,
    limit_day=14,
    hard_limit_day=21,
    source="SOMA-LABEL",
    app_defaults=frozenset({"max_daily_mg", "min_hours_between"}),
)

# What each rule says, and how loudly.
ABOVE = ("dose_above_max", Level.WARNING)
BELOW = ("dose_below_min", Level.CAUTION)  # may be a typo: "check it was recorded right"
DAILY = ("daily_total_above_max", Level.DANGER)
ROLLING = ("rolling_total_above_max", Level.DANGER)
TOO_SOON = ("dose_too_soon", Level.WARNING)  # under the 4-hour minimum
MORE = ("more_often_than_prescribed", Level.WARNING)  # more intakes in 24 h than prescribed
SOONER = ("sooner_than_prescribed", Level.CAUTION)  # under 24 h / intakes, over 4 h
COURSE_DAY = ("course_day", Level.INFO)

PARIS = "Europe/Paris"
NEW_YORK = "America/New_York"
AUCKLAND = "Pacific/Auckland"
HONOLULU = "Pacific/Honolulu"
UTC = "UTC"


def _at(text: str, zone: ZoneInfo) -> datetime:
    """Return a local time in the zone; one ending in Z stays on the UTC clock, as stored."""
    moment = datetime.fromisoformat(text)
    if text.endswith("Z"):
        return moment
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def _doses(doses: list[tuple[str, str]], zone: ZoneInfo) -> list[DoseFact]:
    return [DoseFact(_at(when, zone), Decimal(mg)) for when, mg in doses]


def _judged(findings) -> set[tuple[str, Level]]:
    judged = {(f.code, f.level) for f in findings}
    assert len(judged) == len(findings), "a finding was reported twice"
    return judged


def _last_dose(zone_name: str, doses, intakes_per_day: int | None) -> set[tuple[str, Level]]:
    zone = ZoneInfo(zone_name)
    *earlier, last = _doses(doses, zone)
    return _judged(dose_findings(last, earlier, zone, LIMITS, intakes_per_day))


def _all(mg: str, *times: str) -> list[tuple[str, str]]:
    return [(t, mg) for t in times]


# (id, zone, doses (local time, mg), intakes a day, expected findings of the last dose)
AMOUNTS = [
    # The per-dose range is 250–350 mg: equal is allowed, a mg beyond is not. Above is a
    # warning (more than the label's single dose); below is a caution (a typo or a split
    # tablet, worth checking, not a risk in itself).
    ("350 mg: exactly the per-dose maximum", PARIS, _all("350", "2026-03-10 08:00"), 4, set()),
    ("351 mg: one mg over the maximum", PARIS, _all("351", "2026-03-10 08:00"), 4, {ABOVE}),
    ("350.5 mg: half a mg over", PARIS, _all("350.5", "2026-03-10 08:00"), 4, {ABOVE}),
    ("250 mg: exactly the minimum", PARIS, _all("250", "2026-03-10 08:00"), 4, set()),
    ("249 mg: one mg under the minimum", PARIS, _all("249", "2026-03-10 08:00"), 4, {BELOW}),
    ("125 mg: half of a 250 mg tablet", PARIS, _all("125", "2026-03-10 08:00"), 4, {BELOW}),
    ("700 mg: two tablets at once", PARIS, _all("700", "2026-03-10 08:00"), 4, {ABOVE}),
    # 1,400 mg in one intake is the whole day's maximum at once: the day itself is not over.
    ("1400 mg at once: the day's maximum", PARIS, _all("1400", "2026-03-10 08:00"), 4, {ABOVE}),
    (
        "1401 mg at once: over the dose and the day",
        PARIS,
        _all("1401", "2026-03-10 08:00"),
        4,
        {ABOVE, DAILY},
    ),
]

CALENDAR_DAY = [
    # 1,400 mg a local day: four 350 mg doses six hours apart are exactly the maximum. Reaching
    # more with doses in range takes a fifth intake, which is also more often than prescribed.
    (
        "four 350 mg 6 h apart: exactly 1400 mg",
        PARIS,
        _all("350", "2026-03-10 00:00", "2026-03-10 06:00", "2026-03-10 12:00", "2026-03-10 18:00"),
        4,
        set(),
    ),
    (
        "four doses, the last 1 mg over: 1401 mg",
        PARIS,
        [*_all("350", "2026-03-10 00:00", "2026-03-10 06:00", "2026-03-10 12:00")]
        + [("2026-03-10 18:00", "351")],
        4,
        {ABOVE, DAILY},
    ),
    (
        "five 280 mg 4 h apart: exactly 1400 mg",
        PARIS,
        _all("280", *(f"2026-03-10 {h:02d}:00" for h in (4, 8, 12, 16, 20))),
        4,
        {MORE, SOONER},
    ),
    (
        "five 281 mg 4 h apart: 1405 mg",
        PARIS,
        _all("281", *(f"2026-03-10 {h:02d}:00" for h in (4, 8, 12, 16, 20))),
        4,
        {MORE, SOONER, DAILY},
    ),
    # When the calendar day is over, it is what is said: the 24 hours add nothing.
    (
        "five 350 mg 5 h apart in one day: the day, not the window too",
        PARIS,
        _all("350", *(f"2026-03-10 {h:02d}:00" for h in (0, 5, 10, 15, 20))),
        4,
        {MORE, SOONER, DAILY},
    ),
    # The day is the patient's: 00:30 in Paris is still the previous day in UTC.
    (
        "Paris: five doses in one local day, the first on the previous UTC day",
        PARIS,
        _all("300", *(f"2026-03-10 {h:02d}:30" for h in (0, 6, 12, 18, 23))),
        4,
        {MORE, SOONER, DAILY},
    ),
    # Doses as the database returns them (UTC) are still counted on the patient's day.
    (
        "stored in UTC, judged on the Paris day",
        PARIS,
        _all(
            "300",
            "2026-03-09 23:30Z",
            *(f"2026-03-10 {h:02d}:30Z" for h in (5, 11, 17, 22)),
        ),
        4,
        {MORE, SOONER, DAILY},
    ),
]

ROLLING_DAY = [
    # The daily maximum holds for any 24 hours, not only a calendar day: doses from the
    # evening into the next morning are one day's worth although each calendar day is under.
    (
        "four 350 mg from 18:00 to 06:00: exactly the maximum, too close for 4 a day",
        PARIS,
        _all("350", "2026-03-10 18:00", "2026-03-10 22:00", "2026-03-11 02:00", "2026-03-11 06:00"),
        4,
        {SOONER},
    ),
    (
        "five 350 mg from 18:00 to 10:00, 4 h apart: neither day over",
        PARIS,
        _all(
            "350",
            "2026-03-10 18:00",
            "2026-03-10 22:00",
            "2026-03-11 02:00",
            "2026-03-11 06:00",
            "2026-03-11 10:00",
        ),
        4,
        {ROLLING, MORE, SOONER},
    ),
    (
        "three 500 mg across midnight: each day under, the 24 h over",
        PARIS,
        _all("500", "2026-03-10 20:00", "2026-03-11 02:00", "2026-03-11 08:00"),
        4,
        {ABOVE, ROLLING},
    ),
    (
        "four 350 mg 6 h apart across midnight: exactly the maximum",
        PARIS,
        _all("350", "2026-03-10 18:00", "2026-03-11 00:00", "2026-03-11 06:00", "2026-03-11 12:00"),
        4,
        set(),
    ),
    # The last dose is in range; the 24 hours up to it hold 1,401 mg.
    (
        "a 351 mg dose last evening makes this morning's window 1 mg over",
        PARIS,
        [("2026-03-10 18:00", "351")]
        + _all("350", "2026-03-11 00:00", "2026-03-11 06:00", "2026-03-11 12:00"),
        4,
        {ROLLING},
    ),
    # The window is the 24 hours up to the dose: a dose exactly 24 hours earlier is out of it.
    (
        "a fifth dose exactly 24 h after the first",
        PARIS,
        _all(
            "350",
            "2026-03-10 18:00",
            "2026-03-11 00:00",
            "2026-03-11 06:00",
            "2026-03-11 12:00",
            "2026-03-11 18:00",
        ),
        4,
        set(),
    ),
    (
        "a fifth dose one minute short of 24 h after the first",
        PARIS,
        _all(
            "350",
            "2026-03-10 18:00",
            "2026-03-11 00:00",
            "2026-03-11 06:00",
            "2026-03-11 12:00",
            "2026-03-11 17:59",
        ),
        4,
        {ROLLING, MORE, SOONER},
    ),
]

SPACING = [
    # At least 4 hours between intakes (app default). Under it is a warning that says it more
    # strongly than the prescription's interval, which is then not repeated.
    (
        "exactly 4 h after the previous",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 12:00"),
        4,
        {SOONER},
    ),
    (
        "3 h 59 min after the previous",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 11:59"),
        4,
        {TOO_SOON},
    ),
    (
        "1 h after the previous",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 09:00"),
        4,
        {TOO_SOON},
    ),
    (
        "the same dose logged twice at once",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 08:00"),
        4,
        {TOO_SOON},
    ),
    (
        "6 h after the previous on 4 a day",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 14:00"),
        4,
        set(),
    ),
    (
        "5 h 59 min after the previous on 4 a day",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 13:59"),
        4,
        {SOONER},
    ),
    # A dose entered late is judged against the one logged before it, not after.
    (
        "a back-dated dose 6 h after the one before it",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 21:00", "2026-03-10 14:00"),
        4,
        set(),
    ),
    # Without a prescription's count, only the drug's limits apply.
    (
        "no intakes a day known: 5 h apart",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 13:00"),
        None,
        set(),
    ),
]

PACE = [
    # A course of n intakes a day allows n intakes in any 24 hours, about 24/n hours apart.
    # More of them is a warning; a shorter gap that is still over 4 hours is a caution, since
    # the prescriber may have set times.
    # Once a day: 24 hours apart.
    (
        "once a day: the next one 24 h later",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-11 08:00"),
        1,
        set(),
    ),
    (
        "once a day: the next one 23 h later",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-11 07:00"),
        1,
        {MORE, SOONER},
    ),
    (
        "once a day: a second dose 5 h later",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 13:00"),
        1,
        {MORE, SOONER},
    ),
    (
        "once a day: a second dose 3 h later",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 11:00"),
        1,
        {MORE, TOO_SOON},
    ),
    # Twice a day: 12 hours apart.
    (
        "twice a day: 12 h apart",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 20:00"),
        2,
        set(),
    ),
    (
        "twice a day: 8 h apart",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 16:00"),
        2,
        {SOONER},
    ),
    (
        "twice a day: the next morning's dose 24 h after the first",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 20:00", "2026-03-11 08:00"),
        2,
        set(),
    ),
    (
        "twice a day: a third dose within 24 h",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 20:00", "2026-03-11 07:00"),
        2,
        {MORE, SOONER},
    ),
    # Three times a day: 8 hours apart.
    (
        "three a day: 8 h apart",
        PARIS,
        _all("350", "2026-03-10 06:00", "2026-03-10 14:00", "2026-03-10 22:00"),
        3,
        set(),
    ),
    (
        "three a day: 6 h apart",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 14:00"),
        3,
        {SOONER},
    ),
    (
        "three a day: a fourth dose in 24 h, 7 h apart",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 15:00", "2026-03-10 22:00", "2026-03-11 05:00"),
        3,
        {MORE, SOONER},
    ),
    # Four times a day: 6 hours apart.
    (
        "four a day: on time",
        PARIS,
        _all("350", "2026-03-10 06:00", "2026-03-10 12:00", "2026-03-10 18:00", "2026-03-11 00:00"),
        4,
        set(),
    ),
    (
        "four a day: 4 h 30 min apart",
        PARIS,
        _all("350", "2026-03-10 08:00", "2026-03-10 12:30"),
        4,
        {SOONER},
    ),
]


def _taper_intakes(doses, zone_name: str) -> int:
    """Return the intakes a day in force on the last dose's local day, as the dose log does."""
    day = _at(doses[-1][0], ZoneInfo(zone_name)).date()
    step = step_on(TAPER, day)
    return step.intakes_per_day if step is not None else 4


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
        _all("350", "2026-03-14 08:00", "2026-03-14 14:00"),
        set(),
    ),
    (
        "taper: first day of 3 a day, 6 h after the last 4-a-day dose",
        _all("350", "2026-03-14 18:00", "2026-03-15 00:00"),
        {SOONER},
    ),
    (
        "taper 3 a day: 8 h apart",
        _all("350", "2026-03-16 06:00", "2026-03-16 14:00", "2026-03-16 22:00"),
        set(),
    ),
    (
        "taper 3 a day: a fourth dose in 24 h",
        _all("350", "2026-03-16 06:00", "2026-03-16 12:00", "2026-03-16 18:00", "2026-03-17 00:00"),
        {MORE, SOONER},
    ),
    ("taper 2 a day: 8 h apart", _all("350", "2026-03-19 08:00", "2026-03-19 16:00"), {SOONER}),
    (
        "taper 1 a day: a second dose 12 h later",
        _all("350", "2026-03-22 08:00", "2026-03-22 20:00"),
        {MORE, SOONER},
    ),
    ("taper 1 a day: 24 h apart", _all("350", "2026-03-22 08:00", "2026-03-23 08:00"), set()),
    # After the last step nothing is prescribed, so any intake is more than the plan.
    (
        "taper ended: a dose after the last step",
        _all("350", "2026-03-23 08:00", "2026-03-25 08:00"),
        {MORE},
    ),
]

DST = [
    # Gaps are real elapsed time, not the wall clock. Europe/Paris: 29 March 2026 02:00 → 03:00
    # and 25 October 2026 03:00 → 02:00; America/New_York: 8 March 02:00 → 03:00 and
    # 1 November 02:00 → 01:00.
    (
        "Paris spring forward: 00:30 to 04:30 is 3 real hours",
        PARIS,
        _all("350", "2026-03-29 00:30", "2026-03-29 04:30"),
        4,
        {TOO_SOON},
    ),
    (
        "Paris spring forward: 00:30 to 05:30 is 4 real hours",
        PARIS,
        _all("350", "2026-03-29 00:30", "2026-03-29 05:30"),
        4,
        {SOONER},
    ),
    (
        "Paris spring forward: 00:00 to 06:00 is 5 real hours",
        PARIS,
        _all("350", "2026-03-29 00:00", "2026-03-29 06:00"),
        4,
        {SOONER},
    ),
    # 24 wall-clock hours over the change are 23 real hours: the first dose is in the window.
    (
        "Paris spring forward: five doses in 24 clock hours are within 23 real hours",
        PARIS,
        _all("350", "2026-03-28 08:00", "2026-03-28 13:00", "2026-03-28 18:00", "2026-03-28 23:00")
        + [("2026-03-29 08:00", "350")],
        4,
        {ROLLING, MORE},
    ),
    (
        "Paris fall back: 00:30 to 03:30 is 4 real hours",
        PARIS,
        _all("350", "2026-10-25 00:30", "2026-10-25 03:30"),
        4,
        {SOONER},
    ),
    (
        "Paris fall back: 23:30 to the first 02:30 is 3 real hours",
        PARIS,
        _all("350", "2026-10-24 23:30", "2026-10-25 02:30+02:00"),
        4,
        {TOO_SOON},
    ),
    (
        "Paris fall back: 23:30 to the second 02:30 is 4 real hours",
        PARIS,
        _all("350", "2026-10-24 23:30", "2026-10-25 02:30+01:00"),
        4,
        {SOONER},
    ),
    (
        "New York spring forward: 23:00 to 03:30 is 3 h 30 real",
        NEW_YORK,
        _all("350", "2026-03-07 23:00", "2026-03-08 03:30"),
        4,
        {TOO_SOON},
    ),
    (
        "New York spring forward: 22:00 to 03:00 is 4 real hours",
        NEW_YORK,
        _all("350", "2026-03-07 22:00", "2026-03-08 03:00"),
        4,
        {SOONER},
    ),
    (
        "New York fall back: 22:30 to the first 01:30 is 3 real hours",
        NEW_YORK,
        _all("350", "2026-10-31 22:30", "2026-11-01 01:30-04:00"),
        4,
        {TOO_SOON},
    ),
    (
        "New York fall back: 22:30 to the second 01:30 is 4 real hours",
        NEW_YORK,
        _all("350", "2026-10-31 22:30", "2026-11-01 01:30-05:00"),
        4,
        {SOONER},
    ),
    (
        "New York fall back: 00:00 to 05:00 is 6 real hours",
        NEW_YORK,
        _all("350", "2026-11-01 00:00", "2026-11-01 05:00"),
        4,
        set(),
    ),
    # The 25-hour day is one calendar day for the daily total, though five doses from its
    # first to its last half hour are 24 h 30 min apart: never five in any 24 hours.
    (
        "New York fall back: five doses on the 25-hour day, four in any 24 h",
        NEW_YORK,
        _all(
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
        _all("300", *(f"2026-03-10 {h:02d}:30" for h in (0, 5, 10, 15, 20))),
        4,
        {MORE, SOONER, DAILY},
    ),
    (
        "Auckland: five 300 mg over a night, each local day under",
        AUCKLAND,
        _all(
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
        _all("350", "2026-04-04 23:30", "2026-04-05 02:30+12:00"),
        4,
        {SOONER},
    ),
    (
        "Auckland spring: 00:30 to 04:00 is 2 h 30 real",
        AUCKLAND,
        _all("350", "2026-09-27 00:30", "2026-09-27 04:00"),
        4,
        {TOO_SOON},
    ),
    (
        "Honolulu: five doses in one local day, the last on the next UTC day",
        HONOLULU,
        _all("300", *(f"2026-03-10 {h:02d}:00" for h in (0, 5, 10, 15, 20))),
        4,
        {MORE, SOONER, DAILY},
    ),
    (
        "Honolulu: four 350 mg 6 h apart across local midnight",
        HONOLULU,
        _all("350", "2026-03-10 18:00", "2026-03-11 00:00", "2026-03-11 06:00", "2026-03-11 12:00"),
        4,
        set(),
    ),
    (
        "Honolulu: 23:00 to 01:00 on two local days is 2 h",
        HONOLULU,
        _all("350", "2026-03-10 23:00", "2026-03-11 01:00"),
        4,
        {TOO_SOON},
    ),
    (
        "Kiritimati, 14 h ahead: three 500 mg across local midnight",
        "Pacific/Kiritimati",
        _all("500", "2026-03-10 20:00", "2026-03-11 02:00", "2026-03-11 08:00"),
        4,
        {ABOVE, ROLLING},
    ),
]

DOSE_SCENARIOS = AMOUNTS + CALENDAR_DAY + ROLLING_DAY + SPACING + PACE + DST + FAR_ZONES


@pytest.mark.parametrize(
    ("zone", "doses", "intakes", "expected"),
    [s[1:] for s in DOSE_SCENARIOS],
    ids=[s[0] for s in DOSE_SCENARIOS],
)
def test_dose_scenario(zone, doses, intakes, expected):
    assert _last_dose(zone, doses, intakes) == expected


@pytest.mark.parametrize(
    ("doses", "expected"), [s[1:] for s in TAPER_DOSES], ids=[s[0] for s in TAPER_DOSES]
)
def test_taper_dose_scenario(doses, expected):
    assert _last_dose(PARIS, doses, _taper_intakes(doses, PARIS)) == expected


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
        _all("500", "2026-03-09 08:00"),
        {COURSE_DAY},
    ),
    (
        "dashboard: a dose above the maximum today",
        PARIS,
        "2026-03-10",
        _all("500", "2026-03-10 08:00"),
        {COURSE_DAY, ABOVE},
    ),
    (
        "dashboard: five doses 4 h apart from 18:00, seen the next morning",
        PARIS,
        "2026-03-11",
        _all(
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
        _all(
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
        _all("350", *(f"2026-03-09 {h:02d}:00" for h in (0, 4, 8, 12, 16)), "2026-03-10 08:00"),
        {COURSE_DAY},
    ),
    (
        "dashboard: five doses today: the day, not the window too",
        PARIS,
        "2026-03-10",
        _all("350", *(f"2026-03-10 {h:02d}:00" for h in (0, 5, 10, 15, 20))),
        {COURSE_DAY, DAILY},
    ),
    (
        "dashboard: Paris spring forward, 00:30 to 04:30 is 3 real hours",
        PARIS,
        "2026-03-29",
        _all("350", "2026-03-29 00:30", "2026-03-29 04:30"),
        {COURSE_DAY, TOO_SOON},
    ),
    (
        "dashboard: Auckland, 00:30 local is today though yesterday in UTC",
        AUCKLAND,
        "2026-03-10",
        _all("500", "2026-03-10 00:30"),
        {COURSE_DAY, ABOVE},
    ),
    (
        "dashboard: Honolulu, 20:00 local is today though tomorrow in UTC",
        HONOLULU,
        "2026-03-10",
        _all("500", "2026-03-10 20:00"),
        {COURSE_DAY, ABOVE},
    ),
    (
        "dashboard: Honolulu, the next local day sees none of it",
        HONOLULU,
        "2026-03-11",
        _all("500", "2026-03-10 20:00"),
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
    findings = current_findings(course, _doses(doses, place), day, place, LIMITS)
    assert _judged(findings) == expected


def test_the_window_finding_names_the_local_time_of_its_dose():
    """Doses come from the database on the UTC clock; the patient reads their own time."""
    zone = ZoneInfo(PARIS)
    stored = [
        DoseFact(d.taken_at.astimezone(UTC_CLOCK), d.amount_mg)
        for d in _doses(ROLLING_DAY[1][2], zone)
    ]
    findings = dose_findings(stored[-1], stored[:-1], zone, LIMITS, 4)
    [rolling] = [f for f in findings if f.code == ROLLING[0]]
    assert "Wed 11 Mar 10:00" in rolling.message
