"""Taper rules as pure functions: the suggestion's properties, plan checks, today's step."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tracker.rules.findings import Level, Limits
from tracker.rules.taper import (
    Step,
    abrupt_stop_warning,
    plan_errors,
    step_on,
    suggest_taper,
    taper_findings,
    taper_proposal,
)

doses = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("2000"), places=2)
intakes = st.integers(min_value=1, max_value=12)
lengths = st.integers(min_value=1, max_value=120)
starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@given(doses, intakes, lengths, starts)
def test_the_suggestion_never_increases_the_dose(mg, n, length, start):
    steps = suggest_taper(mg_per_intake=mg, intakes_per_day=n, length_days=length, start_date=start)
    totals = [mg * n] + [s.daily_mg for s in steps]
    assert all(later <= earlier for earlier, later in zip(totals, totals[1:], strict=False))
    assert all(s.mg_per_intake <= mg for s in steps)


@given(doses, intakes, lengths, starts)
def test_the_suggestion_ends_at_zero_on_or_before_the_last_day(mg, n, length, start):
    steps = suggest_taper(mg_per_intake=mg, intakes_per_day=n, length_days=length, start_date=start)
    assert steps[-1].is_zero
    assert steps[-1].start_date <= start + timedelta(days=length - 1)
    assert [s for s in steps if s.is_zero] == [steps[-1]]


@given(doses, intakes, lengths, starts)
def test_the_suggestion_spaces_steps_evenly_from_the_start(mg, n, length, start):
    steps = suggest_taper(mg_per_intake=mg, intakes_per_day=n, length_days=length, start_date=start)
    assert steps[0].start_date == start
    gaps = {(b.start_date - a.start_date).days for a, b in zip(steps, steps[1:], strict=False)}
    assert len(gaps) <= 1 and all(g >= 1 for g in gaps)


@given(doses, intakes, lengths, starts)
def test_a_suggestion_is_always_an_acceptable_plan(mg, n, length, start):
    steps = suggest_taper(mg_per_intake=mg, intakes_per_day=n, length_days=length, start_date=start)
    assert plan_errors(steps, mg * n) == []


def test_the_carisoprodol_default_drops_one_intake_every_three_days():
    steps = suggest_taper(
        mg_per_intake=Decimal("350"),
        intakes_per_day=4,
        length_days=14,
        start_date=date(2026, 3, 1),
    )
    assert [(s.start_date.day, s.intakes_per_day) for s in steps] == [
        (1, 3),
        (4, 2),
        (7, 1),
        (10, 0),
    ]


D = date(2026, 3, 1)


def steps(*rows):
    return [Step(D + timedelta(days=d), Decimal(mg), n) for d, mg, n in rows]


def test_a_good_plan_has_no_errors():
    assert plan_errors(steps((0, "350", 3), (3, "350", 2), (6, "0", 0)), Decimal("1400")) == []


def test_a_step_that_raises_the_dose_is_refused():
    [error] = plan_errors(steps((0, "350", 2), (3, "350", 3), (6, "0", 0)), Decimal("1400"))
    assert "Step 2 raises the daily dose" in error


def test_a_first_step_above_the_current_dose_is_refused():
    errors = plan_errors(steps((0, "350", 4), (3, "0", 0)), Decimal("1050"))
    assert any("Step 1 raises" in e for e in errors)


def test_unordered_and_overlapping_dates_are_refused():
    assert any(
        "date order" in e
        for e in plan_errors(steps((3, "350", 2), (0, "350", 1), (6, "0", 0)), Decimal("1400"))
    )
    assert any(
        "same day" in e
        for e in plan_errors(steps((0, "350", 2), (0, "350", 1), (6, "0", 0)), Decimal("1400"))
    )


def test_a_negative_amount_is_refused():
    assert any(
        "negative" in e for e in plan_errors(steps((0, "-350", 2), (6, "0", 0)), Decimal("1400"))
    )


def test_a_plan_must_end_at_zero():
    assert any(
        "End the plan" in e
        for e in plan_errors(
            steps(
                (0, "350", 2),
            ),
            Decimal("1400"),
        )
    )
    assert plan_errors([], Decimal("1400"))


def test_step_on_each_day_of_a_plan():
    plan = steps((1, "350", 2), (4, "350", 1), (7, "0", 0))
    assert step_on(plan, D) is None
    assert [step_on(plan, D + timedelta(days=d)).intakes_per_day for d in range(1, 9)] == [
        2,
        2,
        2,
        1,
        1,
        1,
        0,
        0,
    ]


def test_today_text_next_step_and_change_day_reminder():
    plan = steps((0, "350", 2), (3, "350", 1), (6, "0", 0))
    on_change = {f.code: f for f in taper_findings(plan, D + timedelta(days=3), Decimal(0))}
    assert on_change["taper_today"].message == "Today: 350 mg once a day."
    assert "taper_step_changes_today" in on_change
    assert "Next step in 3 days" in on_change["taper_next_step"].message
    between = {f.code for f in taper_findings(plan, D + timedelta(days=4), Decimal(0))}
    assert "taper_step_changes_today" not in between


def test_a_day_above_the_step_is_flagged():
    plan = steps((0, "350", 2), (6, "0", 0))
    assert not [f for f in taper_findings(plan, D, Decimal("700")) if f.level >= Level.WARNING]
    flagged = [f.code for f in taper_findings(plan, D, Decimal("700.5"))]
    assert "taper_day_above_step" in flagged


LIMITS = Limits(
    caution_day=11,
    limit_day=14,
    hard_limit_day=21,
    taper_advised=True,
    taper_threshold_days=14,
    withdrawal_symptoms=("Insomnia", "Vomiting", "Tremors"),
)


def test_a_taper_is_proposed_from_the_caution_day_without_a_plan():
    assert taper_proposal(10, LIMITS, has_plan=False) == []
    assert [f.code for f in taper_proposal(11, LIMITS, has_plan=False)] == ["taper_proposed"]
    assert taper_proposal(15, LIMITS, has_plan=True) == []


def test_the_abrupt_stop_warning_names_withdrawal_symptoms_after_the_threshold():
    assert abrupt_stop_warning(14, LIMITS, has_plan=False) is None
    warning = abrupt_stop_warning(15, LIMITS, has_plan=False)
    assert (
        "Stopping abruptly after 15 days can cause withdrawal: insomnia, vomiting, tremors"
        in warning.message
    )
    assert abrupt_stop_warning(30, LIMITS, has_plan=True) is None
