"""Dose scenarios a pharmacist would check, against the pure rules: the calendar day and any
24 hours, the prescription's pace, and the pharmacological spacing (carisoprodol's limits)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from tracker.rules.doses import dose_findings
from tracker.rules.findings import DoseFact, Limits

# 350 mg up to four times a day, at least 6 hours apart (SOMA label).
LIMITS = Limits(
    dose_min_mg=Decimal("250"),
    dose_max_mg=Decimal("350"),
    max_daily_mg=Decimal("1400"),
    min_hours_between=Decimal("6"),
    source="SOMA-LABEL",
)
START = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def _codes(hours: list[float], mg: str = "350", intakes_per_day: int = 4) -> set[str]:
    """Return the findings of the last of doses taken at START + each hour."""
    doses = [DoseFact(START + timedelta(hours=h), Decimal(mg)) for h in hours]
    return {f.code for f in dose_findings(doses[-1], doses[:-1], UTC, LIMITS, intakes_per_day)}


SCENARIOS = [
    # hours after 18:00 of each dose, mg, intakes a day → findings of the last dose
    ("one dose", [0], "350", 4, set()),
    (
        "four across midnight, 4 h apart: the maximum, but too close",
        [0, 4, 8, 12],
        "350",
        4,
        {"dose_too_soon"},
    ),
    (
        "five between 18:00 and 06:00",
        [0, 3, 6, 9, 12],
        "350",
        4,
        {"dose_too_soon", "more_often_than_prescribed", "rolling_total_above_max"},
    ),
    (
        "five across midnight, 6 h apart",
        [0, 6, 12, 18, 23.5],
        "350",
        4,
        {"dose_too_soon", "more_often_than_prescribed", "rolling_total_above_max"},
    ),
    ("four a day on time", [0, 6, 12, 18], "350", 4, set()),
    ("fifth dose a day later", [0, 6, 12, 18, 24], "350", 4, set()),
    ("three a day, 6 h apart", [0, 6, 12], "350", 3, {"sooner_than_prescribed"}),
    ("three a day, 8 h apart", [0, 8, 16], "350", 3, set()),
    (
        "four in 24 h on a thrice-daily course",
        [0, 8, 16, 23],
        "350",
        3,
        {"more_often_than_prescribed", "sooner_than_prescribed"},
    ),
    ("a dose above the maximum", [0], "500", 4, {"dose_above_max"}),
    ("a dose below the range", [0], "100", 4, {"dose_below_min"}),
    ("two large doses in one evening", [0, 6], "700", 4, {"dose_above_max"}),
    ("two 700 mg doses 6 h apart, same day", [-6, 0], "700", 4, {"dose_above_max"}),
    (
        "three 700 mg doses: over any 24 h",
        [0, 7, 14],
        "700",
        4,
        {"dose_above_max", "rolling_total_above_max"},
    ),
    (
        "once a day, second dose 12 h later",
        [0, 12],
        "350",
        1,
        {"more_often_than_prescribed", "sooner_than_prescribed"},
    ),
    ("once a day, next day", [0, 24], "350", 1, set()),
    ("twice a day, 12 h apart", [0, 12], "350", 2, set()),
    ("twice a day, 7 h apart", [0, 7], "350", 2, {"sooner_than_prescribed"}),
]


@pytest.mark.parametrize(
    ("hours", "mg", "intakes", "expected"),
    [s[1:] for s in SCENARIOS],
    ids=[s[0] for s in SCENARIOS],
)
def test_dose_scenario(hours, mg, intakes, expected):
    assert _codes(hours, mg, intakes) == expected


def test_the_calendar_day_and_the_rolling_day_are_never_both_reported():
    doses = [DoseFact(datetime(2026, 3, 2, h, tzinfo=UTC), Decimal("350")) for h in (0, 6, 12, 18)]
    extra = DoseFact(datetime(2026, 3, 2, 23, tzinfo=UTC), Decimal("350"))
    codes = [f.code for f in dose_findings(extra, doses, UTC, LIMITS, 4)]
    assert "daily_total_above_max" in codes and "rolling_total_above_max" not in codes


def test_the_dashboard_flags_a_rolling_day_over_the_maximum_across_midnight():
    from tracker.rules.course import current_findings
    from tracker.rules.findings import CourseFacts

    course = CourseFacts(start_date=START.date(), mg_per_intake=Decimal("350"), intakes_per_day=4)
    doses = [DoseFact(START + timedelta(hours=h), Decimal("350")) for h in (0, 3, 6, 9, 12)]
    today = (START + timedelta(hours=12)).date()
    codes = {f.code for f in current_findings(course, doses, today, UTC, LIMITS)}
    assert "rolling_total_above_max" in codes and "daily_total_above_max" not in codes


def test_only_cautions_the_patient_said_apply_become_findings():
    from tracker.rules.cautions import CAUTION_APPLIES, caution_findings

    answers = [
        "Contraindications: none applies",
        "Caution: Sleep apnea [PATIENT-PAGE]",  # an old course's "discussed" tick
        f"{CAUTION_APPLIES}Kidney disease (not studied; use with caution) [SOMA-LABEL]",
    ]
    [finding] = caution_findings(answers, "carisoprodol")
    assert finding.code == "caution_applies" and finding.source == "SOMA-LABEL"
    assert "Kidney disease" in finding.message and "carisoprodol" in finding.message
