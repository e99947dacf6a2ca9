"""Taper rules as pure functions: plan checks, today's step, the warnings around stopping
(the suggestion's own tests: test_rules_taper_suggestion.py)."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from tracker.rules.findings import Level, Limits
from tracker.rules.plan_events import dose_events
from tracker.rules.reminders import STEP_CHANGE, reminders_due
from tracker.rules.taper import (
    Step,
    abrupt_stop_warning,
    plan_errors,
    step_on,
    taper_findings,
    taper_proposal,
)

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


def test_a_taper_proposal_past_the_limit_says_so():
    [finding] = taper_proposal(16, LIMITS, has_plan=False)
    assert "past the 14-day mark" in finding.message
    assert "approaching the 14-day mark" in taper_proposal(12, LIMITS, has_plan=False)[0].message
    assert "at the 14-day mark" in taper_proposal(14, LIMITS, has_plan=False)[0].message
    assert "past the 21-day limit" in taper_proposal(22, LIMITS, has_plan=False)[0].message


def test_the_abrupt_stop_warning_lists_only_the_symptoms_it_knows():
    warning = abrupt_stop_warning(15, LIMITS, has_plan=False)
    assert "tremors. Ask your prescriber" in warning.message and "…" not in warning.message
    bare = abrupt_stop_warning(15, Limits(taper_advised=True, taper_threshold_days=14), False)
    assert "can cause withdrawal. Ask your prescriber" in bare.message


def spaced(*rows):
    """Return steps from (day, mg, intakes, every_days) rows."""
    return [Step(D + timedelta(days=d), Decimal(mg), n, every) for d, mg, n, every in rows]


def test_an_every_other_day_step_is_described_and_takes_doses_on_alternate_days():
    step = Step(D, Decimal("350"), 1, every_days=2)
    assert step.describe() == "350 mg once every other day"
    assert Step(D, Decimal("250"), 2, every_days=2).describe() == "250 mg twice every other day"
    assert [step.intakes_on(D + timedelta(days=d)) for d in range(5)] == [1, 0, 1, 0, 1]
    assert [step.mg_on(D + timedelta(days=d)) for d in range(2)] == [Decimal("350"), 0]


def test_a_plan_may_space_a_dose_out_but_not_bring_it_closer_again():
    spaced_out = spaced((0, "350", 1, 2), (4, "0", 0, 1))
    assert plan_errors(spaced_out, Decimal("350")) == []
    back = spaced((0, "350", 1, 2), (4, "350", 1, 1), (8, "0", 0, 1))
    assert any("Step 2 takes doses more often" in e for e in plan_errors(back, Decimal("350")))
    odd = spaced((0, "350", 1, 3), (6, "0", 0, 1))
    assert any("every day or every other day" in e for e in plan_errors(odd, Decimal("350")))


def test_a_day_off_is_named_and_anything_logged_on_it_is_above_the_step():
    plan = spaced((0, "350", 1, 2), (4, "0", 0, 1))
    dose_day = {f.code: f.message for f in taper_findings(plan, D + timedelta(days=2), Decimal(0))}
    assert dose_day["taper_today"] == "Today: 350 mg once every other day."
    day_off = taper_findings(plan, D + timedelta(days=1), Decimal(0))
    messages = {f.code: f.message for f in day_off}
    assert messages["taper_today"].startswith("Today is a day off: no dose")
    assert "taper_day_above_step" not in messages
    logged = {f.code: f for f in taper_findings(plan, D + timedelta(days=3), Decimal("350"))}
    assert logged["taper_day_above_step"].level == Level.WARNING
    assert "on a day off" in logged["taper_day_above_step"].message
    on_dose_day = {f.code for f in taper_findings(plan, D + timedelta(days=2), Decimal("350"))}
    assert "taper_day_above_step" not in on_dose_day


def test_the_calendar_plans_no_dose_on_a_day_off():
    plan = spaced((0, "350", 2, 1), (2, "350", 1, 2), (7, "0", 0, 1))
    events = dose_events(
        drug_name="Carisoprodol",
        start=D,
        mg_per_intake=Decimal("350"),
        intakes_per_day=2,
        limits=LIMITS,
        steps=plan,
        dose_times=[time(8), time(20)],
        today=D,
    )
    per_day = [sum(1 for e in events if e.day == D + timedelta(days=d)) for d in range(8)]
    assert per_day == [2, 2, 1, 0, 1, 0, 1, 0]


def test_a_step_change_reminder_falls_on_a_dose_day_and_names_the_spacing():
    plan = spaced((0, "350", 1, 2), (4, "0", 0, 1))
    for offset in range(1, 4):
        due = reminders_due(
            drug_name="Carisoprodol",
            start=D - timedelta(days=20),
            limits=Limits(),
            steps=plan,
            today=D + timedelta(days=offset),
        )
        assert not [r for r in due if r.kind == STEP_CHANGE]
    [change] = reminders_due(
        drug_name="Carisoprodol", start=D - timedelta(days=20), limits=Limits(), steps=plan, today=D
    )
    assert "350 mg once every other day" in change.body


def test_a_stop_step_entered_as_0_mg_twice_a_day_plans_no_intake():
    from datetime import date
    from decimal import Decimal

    from tracker.rules.taper import Step

    stop = Step(date(2026, 3, 1), Decimal(0), 2)
    assert stop.is_zero and stop.intakes_on(date(2026, 3, 2)) == 0


@pytest.mark.parametrize(
    "days_since, course_days, has_plan, shown",
    [
        (0, 20, False, True),  # ended today
        (2, 20, False, True),  # the third day
        (3, 20, False, False),  # past the watch
        (1, 10, False, False),  # a short course: no taper advised, nothing to watch
        (1, 20, True, False),  # tapered
        (-1, 20, False, False),  # an end date after today is not "after stopping"
    ],
)
def test_the_withdrawal_watch_follows_a_longer_course_stopped_without_a_taper(
    days_since, course_days, has_plan, shown
):
    from tracker.rules.taper import withdrawal_watch

    ended = date(2026, 5, 10)
    found = withdrawal_watch(
        ended, ended + timedelta(days=days_since), course_days, LIMITS, has_plan
    )
    assert (found is not None) is shown
    if found:
        assert "You stopped on Sun 10 May after 20 days without a taper" in found.message
        assert "insomnia, vomiting, tremors" in found.message
