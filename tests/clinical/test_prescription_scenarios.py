"""Prescriptions a pharmacist would query, against the pure rule (tracker/rules/prescription.py)
with carisoprodol's reference limits: 350 mg at most per dose, four intakes a day (three times a
day and at bedtime, SOMA label), 1,400 mg a day (app default), two to three weeks (days 14 and
21), and anything over four times a maximum refused as impossible (app default)."""

from decimal import Decimal

import pytest

from tracker.rules.findings import Level
from tracker.rules.prescription import (
    CONFIRMED_CODES,
    Prescription,
    PrescriptionLimits,
    impossible_values,
    prescription_findings,
    standing_findings,
)

CARISOPRODOL = PrescriptionLimits(
    dose_min_mg=Decimal("250"),
    dose_max_mg=Decimal("350"),
    max_intakes_per_day=4,
    max_daily_mg=Decimal("1400"),
    limit_day=14,
    hard_limit_day=21,
    impossible_multiple=Decimal("4"),
    source="SOMA-LABEL",
    app_defaults=frozenset({"max_daily_mg", "impossible_multiple", "course_hard_limit_day"}),
)

DOSE = "prescription_dose_above_label"
BELOW = "prescription_dose_below_label"
INTAKES = "prescription_intakes_above_label"
DAILY = "prescription_daily_above_max"
LONG = "prescription_longer_than_limit"
PAST_USUAL = "prescription_past_usual_limit"
W, C = Level.WARNING, Level.CAUTION

WARNINGS = [
    # mg per intake, intakes a day, planned days → {code: level}
    # As labelled: nothing to confirm.
    ("250 mg 4×", "250", 4, None, {}),
    ("350 mg 4×", "350", 4, None, {}),
    ("350 mg 3×", "350", 3, None, {}),
    ("350 mg once", "350", 1, None, {}),
    ("250 mg 3× for 7 days", "250", 3, 7, {}),
    ("350 mg 4× for 14 days: the usual limit, not past it", "350", 4, 14, {}),
    # Lower than the labelled range is not a danger, but a dropped digit looks like it.
    ("125 mg 4×", "125", 4, None, {BELOW: C}),
    ("35 mg 4×: 350 with a digit lost", "35", 4, None, {BELOW: C}),
    ("249.99 mg once", "249.99", 1, None, {BELOW: C}),
    ("125 mg 6×", "125", 6, None, {BELOW: C, INTAKES: W}),
    # One value beyond the label.
    (
        "351 mg 4×: a milligram over the single dose and the day",
        "351",
        4,
        None,
        {DOSE: W, DAILY: W},
    ),
    ("500 mg 2×: over the single dose, not the day", "500", 2, None, {DOSE: W}),
    ("700 mg once", "700", 1, None, {DOSE: W}),
    ("350 mg 5×: more intakes and over the day", "350", 5, None, {INTAKES: W, DAILY: W}),
    ("250 mg 5×: more intakes, 1,250 mg is under the day", "250", 5, None, {INTAKES: W}),
    ("200 mg 6×: more intakes, 1,200 mg a day", "200", 6, None, {BELOW: C, INTAKES: W}),
    ("250 mg 6×: 1,500 mg a day", "250", 6, None, {INTAKES: W, DAILY: W}),
    ("1,400 mg once: over the dose, exactly the day", "1400", 1, None, {DOSE: W}),
    (
        "1,400 mg 4×: four times the maximum per dose and day, not more",
        "1400",
        4,
        None,
        {DOSE: W, DAILY: W},
    ),
    # Length.
    ("350 mg 4× for 15 days: past the usual two weeks", "350", 4, 15, {PAST_USUAL: C}),
    ("350 mg 4× for 21 days: the outer limit", "350", 4, 21, {PAST_USUAL: C}),
    ("350 mg 4× for 22 days: beyond three weeks", "350", 4, 22, {LONG: W}),
    ("250 mg 3× for 30 days", "250", 3, 30, {LONG: W}),
    ("350 mg 4× for 90 days", "350", 4, 90, {LONG: W}),
    ("250 mg once for 1 day", "250", 1, 1, {}),
    # Everything at once.
    ("500 mg 6× for 30 days", "500", 6, 30, {DOSE: W, INTAKES: W, DAILY: W, LONG: W}),
    ("400 mg 5× for 18 days", "400", 5, 18, {DOSE: W, INTAKES: W, DAILY: W, PAST_USUAL: C}),
    ("Fractions: 350.01 mg 4×", "350.01", 4, None, {DOSE: W, DAILY: W}),
    ("Fractions: 349.99 mg 4×", "349.99", 4, None, {}),
]


@pytest.mark.parametrize(
    ("mg", "intakes", "days", "expected"),
    [row[1:] for row in WARNINGS],
    ids=[row[0] for row in WARNINGS],
)
def test_a_prescription_beyond_the_label_gets_its_warnings(mg, intakes, days, expected):
    rx = Prescription(Decimal(mg), intakes, days)
    findings = prescription_findings(rx, CARISOPRODOL, "carisoprodol")
    assert {f.code: f.level for f in findings} == expected
    assert {f.code for f in findings} <= CONFIRMED_CODES
    assert all(f.source == "SOMA-LABEL" for f in findings)
    assert [f.level for f in findings] == sorted((f.level for f in findings), reverse=True)


REFUSED = [
    # mg per intake, intakes a day → the fields refused
    ("the issue's example: 3,500 mg 8× a day", "3500", 8, {"mg_per_intake", "intakes_per_day"}),
    ("3,500 mg once: ten times the single dose", "3500", 1, {"mg_per_intake"}),
    ("1,401 mg once: just over four single doses", "1401", 1, {"mg_per_intake"}),
    ("1,400 mg once: four single doses exactly, a warning only", "1400", 1, set()),
    ("1,400 mg 5×: 7,000 mg a day", "1400", 5, {"intakes_per_day"}),
    ("700 mg 8×: 5,600 mg a day, exactly four days' maximum", "700", 8, set()),
    ("701 mg 8×: over four days' maximum", "701", 8, {"intakes_per_day"}),
    ("500 mg 12×: 6,000 mg a day", "500", 12, {"intakes_per_day"}),
    ("350 mg 12×: 4,200 mg, three days' maximum: a warning only", "350", 12, set()),
    ("35,000 mg: a slipped decimal point", "35000", 4, {"mg_per_intake", "intakes_per_day"}),
]


@pytest.mark.parametrize(
    ("mg", "intakes", "fields"), [row[1:] for row in REFUSED], ids=[row[0] for row in REFUSED]
)
def test_a_prescription_no_one_could_be_given_is_refused(mg, intakes, fields):
    errors = impossible_values(Prescription(Decimal(mg), intakes), CARISOPRODOL)
    assert set(errors) == fields
    assert all("no one is prescribed that" in message for message in errors.values())


def test_without_an_impossible_multiple_nothing_is_refused():
    limits = PrescriptionLimits(dose_max_mg=Decimal("350"), max_daily_mg=Decimal("1400"))
    assert impossible_values(Prescription(Decimal("35000"), 12), limits) == {}


def test_a_drug_without_limits_says_the_prescription_was_not_checked():
    findings = prescription_findings(
        Prescription(Decimal("5000"), 9), PrescriptionLimits(), "newdrug"
    )
    assert [f.code for f in findings] == ["prescription_not_checked"]
    assert "could not be checked" in findings[0].message


def test_an_app_default_threshold_says_so():
    findings = prescription_findings(Prescription(Decimal("250"), 6), CARISOPRODOL, "carisoprodol")
    by_code = {f.code: f for f in findings}
    assert by_code[DAILY].app_default and not by_code[INTAKES].app_default


@pytest.mark.parametrize("confirmed", [None, "2026-03-02"])
def test_the_dashboard_keeps_each_warning_and_says_whether_it_was_confirmed(confirmed):
    from datetime import date

    findings = prescription_findings(Prescription(Decimal("500"), 5), CARISOPRODOL, "c")
    on = date.fromisoformat(confirmed) if confirmed else None
    kept = standing_findings(findings, on, [f.message for f in findings])
    assert [f.code for f in kept] == [f.code for f in findings]
    assert all(f.message.startswith("Your prescription: ") for f in kept)
    if on:
        assert all("You confirmed on 02 Mar 2026" in f.message for f in kept)
    else:
        assert all("Check with your prescriber or pharmacist" in f.message for f in kept)


def test_a_warning_the_patient_never_saw_is_not_called_confirmed():
    from datetime import date

    findings = prescription_findings(Prescription(Decimal("500"), 5), CARISOPRODOL, "c")
    seen = [f.message for f in findings if f.code == DOSE]
    kept = {f.code: f.message for f in standing_findings(findings, date(2026, 3, 2), seen)}
    assert "You confirmed" in kept[DOSE]
    assert "Check with your prescriber" in kept[INTAKES] and "You confirmed" not in kept[INTAKES]
