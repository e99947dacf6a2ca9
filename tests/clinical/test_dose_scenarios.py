"""Dose scenarios a pharmacist would check, against the pure rules: the per-dose range, the
calendar day and any 24 hours, the pharmacological spacing, the prescription's pace and a taper's
steps. Each row judges the last of its doses against the ones before, as the dose log does. DST
changes, zones far from UTC and the dashboard's view of a day are in
test_dose_zone_scenarios.py; what the tables share is in dose_cases.py.
"""

from datetime import UTC as UTC_CLOCK
from zoneinfo import ZoneInfo

import pytest

from tests.clinical.dose_cases import (
    ABOVE,
    BELOW,
    DAILY,
    LIMITS,
    MORE,
    PARIS,
    ROLLING,
    SOONER,
    TOO_SOON,
    dose_facts,
    doses_of,
    last_dose_findings,
)
from tracker.rules.doses import dose_findings
from tracker.rules.findings import DoseFact

# (id, zone, doses (local time, mg), intakes a day, expected findings of the last dose)
AMOUNTS = [
    # The per-dose range is 250–350 mg: equal is allowed, a mg beyond is not. Above is a
    # warning (more than the label's single dose); below is a caution (a typo or a split
    # tablet, worth checking, not a risk in itself).
    ("350 mg: exactly the per-dose maximum", PARIS, doses_of("350", "2026-03-10 08:00"), 4, set()),
    ("351 mg: one mg over the maximum", PARIS, doses_of("351", "2026-03-10 08:00"), 4, {ABOVE}),
    ("350.5 mg: half a mg over", PARIS, doses_of("350.5", "2026-03-10 08:00"), 4, {ABOVE}),
    ("250 mg: exactly the minimum", PARIS, doses_of("250", "2026-03-10 08:00"), 4, set()),
    ("249 mg: one mg under the minimum", PARIS, doses_of("249", "2026-03-10 08:00"), 4, {BELOW}),
    ("125 mg: half of a 250 mg tablet", PARIS, doses_of("125", "2026-03-10 08:00"), 4, {BELOW}),
    ("700 mg: two tablets at once", PARIS, doses_of("700", "2026-03-10 08:00"), 4, {ABOVE}),
    # 1,400 mg in one intake is the whole day's maximum at once: the day itself is not over.
    ("1400 mg at once: the day's maximum", PARIS, doses_of("1400", "2026-03-10 08:00"), 4, {ABOVE}),
    (
        "1401 mg at once: over the dose and the day",
        PARIS,
        doses_of("1401", "2026-03-10 08:00"),
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
        doses_of(
            "350", "2026-03-10 00:00", "2026-03-10 06:00", "2026-03-10 12:00", "2026-03-10 18:00"
        ),
        4,
        set(),
    ),
    (
        "four doses, the last 1 mg over: 1401 mg",
        PARIS,
        [*doses_of("350", "2026-03-10 00:00", "2026-03-10 06:00", "2026-03-10 12:00")]
        + [("2026-03-10 18:00", "351")],
        4,
        {ABOVE, DAILY},
    ),
    (
        "five 280 mg 4 h apart: exactly 1400 mg",
        PARIS,
        doses_of("280", *(f"2026-03-10 {h:02d}:00" for h in (4, 8, 12, 16, 20))),
        4,
        {MORE, SOONER},
    ),
    (
        "five 281 mg 4 h apart: 1405 mg",
        PARIS,
        doses_of("281", *(f"2026-03-10 {h:02d}:00" for h in (4, 8, 12, 16, 20))),
        4,
        {MORE, SOONER, DAILY},
    ),
    # When the calendar day is over, it is what is said: the 24 hours add nothing.
    (
        "five 350 mg 5 h apart in one day: the day, not the window too",
        PARIS,
        doses_of("350", *(f"2026-03-10 {h:02d}:00" for h in (0, 5, 10, 15, 20))),
        4,
        {MORE, SOONER, DAILY},
    ),
    # The day is the patient's: 00:30 in Paris is still the previous day in UTC.
    (
        "Paris: five doses in one local day, the first on the previous UTC day",
        PARIS,
        doses_of("300", *(f"2026-03-10 {h:02d}:30" for h in (0, 6, 12, 18, 23))),
        4,
        {MORE, SOONER, DAILY},
    ),
    # Doses as the database returns them (UTC) are still counted on the patient's day.
    (
        "stored in UTC, judged on the Paris day",
        PARIS,
        doses_of(
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
        doses_of(
            "350", "2026-03-10 18:00", "2026-03-10 22:00", "2026-03-11 02:00", "2026-03-11 06:00"
        ),
        4,
        {SOONER},
    ),
    (
        "five 350 mg from 18:00 to 10:00, 4 h apart: neither day over",
        PARIS,
        doses_of(
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
        doses_of("500", "2026-03-10 20:00", "2026-03-11 02:00", "2026-03-11 08:00"),
        4,
        {ABOVE, ROLLING},
    ),
    (
        "four 350 mg 6 h apart across midnight: exactly the maximum",
        PARIS,
        doses_of(
            "350", "2026-03-10 18:00", "2026-03-11 00:00", "2026-03-11 06:00", "2026-03-11 12:00"
        ),
        4,
        set(),
    ),
    # The last dose is in range; the 24 hours up to it hold 1,401 mg.
    (
        "a 351 mg dose last evening makes this morning's window 1 mg over",
        PARIS,
        [("2026-03-10 18:00", "351")]
        + doses_of("350", "2026-03-11 00:00", "2026-03-11 06:00", "2026-03-11 12:00"),
        4,
        {ROLLING},
    ),
    # The window is the 24 hours up to the dose: a dose exactly 24 hours earlier is out of it.
    (
        "a fifth dose exactly 24 h after the first",
        PARIS,
        doses_of(
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
        doses_of(
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
        doses_of("350", "2026-03-10 08:00", "2026-03-10 12:00"),
        4,
        {SOONER},
    ),
    (
        "3 h 59 min after the previous",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 11:59"),
        4,
        {TOO_SOON},
    ),
    (
        "1 h after the previous",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 09:00"),
        4,
        {TOO_SOON},
    ),
    (
        "the same dose logged twice at once",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 08:00"),
        4,
        {TOO_SOON},
    ),
    (
        "6 h after the previous on 4 a day",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 14:00"),
        4,
        set(),
    ),
    (
        "5 h 59 min after the previous on 4 a day",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 13:59"),
        4,
        {SOONER},
    ),
    # A dose entered late is judged against the one logged before it, not after.
    (
        "a back-dated dose 6 h after the one before it",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 21:00", "2026-03-10 14:00"),
        4,
        set(),
    ),
    # Without a prescription's count, only the drug's limits apply.
    (
        "no intakes a day known: 5 h apart",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 13:00"),
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
        doses_of("350", "2026-03-10 08:00", "2026-03-11 08:00"),
        1,
        set(),
    ),
    (
        "once a day: the next one 23 h later",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-11 07:00"),
        1,
        {MORE, SOONER},
    ),
    (
        "once a day: a second dose 5 h later",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 13:00"),
        1,
        {MORE, SOONER},
    ),
    (
        "once a day: a second dose 3 h later",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 11:00"),
        1,
        {MORE, TOO_SOON},
    ),
    # Twice a day: 12 hours apart.
    (
        "twice a day: 12 h apart",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 20:00"),
        2,
        set(),
    ),
    (
        "twice a day: 8 h apart",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 16:00"),
        2,
        {SOONER},
    ),
    (
        "twice a day: the next morning's dose 24 h after the first",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 20:00", "2026-03-11 08:00"),
        2,
        set(),
    ),
    (
        "twice a day: a third dose within 24 h",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 20:00", "2026-03-11 07:00"),
        2,
        {MORE, SOONER},
    ),
    # Three times a day: 8 hours apart.
    (
        "three a day: 8 h apart",
        PARIS,
        doses_of("350", "2026-03-10 06:00", "2026-03-10 14:00", "2026-03-10 22:00"),
        3,
        set(),
    ),
    (
        "three a day: 6 h apart",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 14:00"),
        3,
        {SOONER},
    ),
    (
        "three a day: a fourth dose in 24 h, 7 h apart",
        PARIS,
        doses_of(
            "350", "2026-03-10 08:00", "2026-03-10 15:00", "2026-03-10 22:00", "2026-03-11 05:00"
        ),
        3,
        {MORE, SOONER},
    ),
    # Four times a day: 6 hours apart.
    (
        "four a day: on time",
        PARIS,
        doses_of(
            "350", "2026-03-10 06:00", "2026-03-10 12:00", "2026-03-10 18:00", "2026-03-11 00:00"
        ),
        4,
        set(),
    ),
    (
        "four a day: 4 h 30 min apart",
        PARIS,
        doses_of("350", "2026-03-10 08:00", "2026-03-10 12:30"),
        4,
        {SOONER},
    ),
]


DOSE_SCENARIOS = AMOUNTS + CALENDAR_DAY + ROLLING_DAY + SPACING + PACE


@pytest.mark.parametrize(
    ("zone", "doses", "intakes", "expected"),
    [s[1:] for s in DOSE_SCENARIOS],
    ids=[s[0] for s in DOSE_SCENARIOS],
)
def test_dose_scenario(zone, doses, intakes, expected):
    assert last_dose_findings(zone, doses, intakes) == expected


def test_the_window_finding_names_the_local_time_of_its_dose():
    """Doses come from the database on the UTC clock; the patient reads their own time."""
    zone = ZoneInfo(PARIS)
    stored = [
        DoseFact(d.taken_at.astimezone(UTC_CLOCK), d.amount_mg)
        for d in dose_facts(ROLLING_DAY[1][2], zone)
    ]
    findings = dose_findings(stored[-1], stored[:-1], zone, LIMITS, 4)
    [rolling] = [f for f in findings if f.code == ROLLING[0]]
    assert "Wed 11 Mar 10:00" in rolling.message
