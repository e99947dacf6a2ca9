"""Taper rules as pure functions: the suggestion's properties, plan checks, today's step."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
from tracker.rules.taper_suggestion import recent_intakes, suggest_taper

doses = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("2000"), places=2)
intakes = st.integers(min_value=1, max_value=12)
days_used = st.integers(min_value=1, max_value=40)
step_lengths = st.integers(min_value=1, max_value=7)
starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@st.composite
def courses(draw):
    """Return the pure inputs of a suggestion: what is taken lately is at most prescribed."""
    n = draw(intakes)
    return {
        "mg_per_intake": draw(doses),
        "intakes_per_day": n,
        "days_used": draw(days_used),
        "taken_per_day": draw(st.integers(min_value=0, max_value=n)),
        "step_days": draw(step_lengths),
        "threshold_days": draw(st.none() | st.integers(min_value=1, max_value=30)),
        "start_date": draw(starts),
    }


@given(courses())
def test_every_suggestion_is_an_acceptable_plan(course):
    suggestion = suggest_taper(**course)
    prescribed = course["mg_per_intake"] * course["intakes_per_day"]
    assert plan_errors(list(suggestion.steps), prescribed) == []


@given(courses())
def test_the_suggestion_never_raises_the_dose_and_never_splits_one(course):
    steps = suggest_taper(**course).steps
    mg = course["mg_per_intake"]
    daily = [mg * course["intakes_per_day"]] + [s.daily_mg for s in steps]
    average = [mg * course["intakes_per_day"]] + [s.daily_mg / s.every_days for s in steps]
    for totals in (daily, average):
        assert all(later <= earlier for earlier, later in zip(totals, totals[1:], strict=False))
    assert all(s.mg_per_intake in (mg, 0) for s in steps)


@given(courses())
def test_the_suggestion_ends_in_one_stop_and_its_span_is_the_stated_one(course):
    suggestion = suggest_taper(**course)
    steps = suggestion.steps
    assert steps[0].start_date == course["start_date"]
    assert [s for s in steps if s.is_zero] == [steps[-1]]
    assert suggestion.span_days == (steps[-1].start_date - steps[0].start_date).days
    assert f"over {suggestion.span_days} days" in suggestion.text
    assert "prescriber" in suggestion.text


@given(courses())
def test_steps_drop_one_intake_at_a_time_every_step_length(course):
    steps = suggest_taper(**course).steps
    n = course["intakes_per_day"]
    level = min(course["taken_per_day"], n) or n
    if level == 1:
        assert [(s.intakes_per_day, s.every_days) for s in steps] == [(1, 2), (0, 1)]
        assert suggestion_span(steps) == max(course["step_days"], 3)
    else:
        assert [s.intakes_per_day for s in steps] == list(range(level - 1, -1, -1))
        gaps = {(b.start_date - a.start_date).days for a, b in zip(steps, steps[1:], strict=False)}
        assert gaps == {course["step_days"]}
        assert all(s.every_days == 1 for s in steps)


def suggestion_span(steps):
    return (steps[-1].start_date - steps[0].start_date).days


def test_the_carisoprodol_default_drops_one_intake_every_three_days():
    suggestion = suggest_taper(
        mg_per_intake=Decimal("350"),
        intakes_per_day=4,
        days_used=20,
        taken_per_day=4,
        step_days=3,
        threshold_days=14,
        start_date=date(2026, 3, 1),
    )
    assert [(s.start_date.day, s.intakes_per_day) for s in suggestion.steps] == [
        (1, 3),
        (4, 2),
        (7, 1),
        (10, 0),
    ]
    assert "over 9 days" in suggestion.text
    assert "usually advised" not in suggestion.text


def test_a_once_daily_course_is_spaced_out_before_it_stops():
    suggestion = suggest_taper(
        mg_per_intake=Decimal("350"),
        intakes_per_day=1,
        days_used=20,
        taken_per_day=1,
        step_days=3,
        threshold_days=14,
        start_date=date(2026, 3, 1),
    )
    assert list(suggestion.steps) == [
        Step(date(2026, 3, 1), Decimal("350"), 1, every_days=2),
        Step(date(2026, 3, 4), Decimal(0), 0),
    ]
    assert suggestion.steps[0].describe() == "350 mg once every other day"
    assert "every other day" in suggestion.text and "over 3 days" in suggestion.text


def test_it_starts_from_what_was_taken_when_that_is_lower():
    suggestion = suggest_taper(
        mg_per_intake=Decimal("350"),
        intakes_per_day=4,
        days_used=20,
        taken_per_day=2,
        step_days=3,
        threshold_days=14,
        start_date=date(2026, 3, 1),
    )
    assert [s.intakes_per_day for s in suggestion.steps] == [1, 0]
    assert "It starts from 2 a day" in suggestion.text and "4 a day prescribed" in suggestion.text


def test_a_short_course_gets_a_suggestion_that_says_a_taper_may_not_be_needed():
    suggestion = suggest_taper(
        mg_per_intake=Decimal("350"),
        intakes_per_day=3,
        days_used=7,
        taken_per_day=3,
        step_days=3,
        threshold_days=14,
        start_date=date(2026, 3, 1),
    )
    assert "used it for 7 days" in suggestion.text
    assert "usually advised after longer use" in suggestion.text
    assert "Ask your prescriber" in suggestion.text


def test_what_was_taken_lately_is_the_busiest_recent_day_at_most_the_prescription():
    assert recent_intakes([2, 3, 1], prescribed=4) == 3
    assert recent_intakes([2, 6, 1], prescribed=4) == 4
    assert recent_intakes([0, 0, 0], prescribed=4) == 4
    assert recent_intakes([], prescribed=2) == 2


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
    "intakes, step_days, usual, said",
    [(4, 3, 14, True), (4, 5, 14, False), (4, 3, None, False), (2, 3, 14, True)],
)
def test_a_schedule_shorter_than_a_usual_taper_says_so(intakes, step_days, usual, said):
    suggestion = suggest_taper(
        mg_per_intake=Decimal("350"),
        intakes_per_day=intakes,
        days_used=30,
        taken_per_day=intakes,
        step_days=step_days,
        threshold_days=14,
        start_date=date(2026, 5, 1),
        usual_days=usual,
    )
    shorter = f"shorter than the {usual} days or so a taper usually takes"
    assert (shorter in suggestion.text) is said


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
