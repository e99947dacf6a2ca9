"""Taper plans as plain values: the steps, plan checks, and where today falls.

The suggested schedule is in tracker/rules/taper_suggestion.py."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.rules.bounds import latest_plan_date
from tracker.rules.findings import Finding, Level, Limits

DAILY, EVERY_OTHER_DAY = 1, 2
TIMES = {1: "once", 2: "twice"}


@dataclass(frozen=True)
class Step:
    start_date: date
    mg_per_intake: Decimal
    intakes_per_day: int
    every_days: int = DAILY  # 2: the step's doses are taken every other day

    @property
    def daily_mg(self) -> Decimal:
        """Return the total of a day the step's doses are taken."""
        return self.mg_per_intake * self.intakes_per_day

    @property
    def is_zero(self) -> bool:
        return self.daily_mg == 0

    def takes_on(self, day: date) -> bool:
        """Return whether doses are taken on that day (False on the days off between)."""
        return (day - self.start_date).days % max(self.every_days, 1) == 0

    def intakes_on(self, day: date) -> int:
        """Return the intakes planned that day: none on a day off, none on a stop step (also
        one entered as 0 mg with intakes left in)."""
        return self.intakes_per_day if self.takes_on(day) and not self.is_zero else 0

    def mg_on(self, day: date) -> Decimal:
        return self.daily_mg if self.takes_on(day) else Decimal(0)

    def describe(self) -> str:
        """Return the step in words: '350 mg twice a day', '350 mg once every other day',
        'none (stopped)'."""
        if self.is_zero:
            return "none (stopped)"
        times = TIMES.get(self.intakes_per_day, f"{self.intakes_per_day} times")
        period = "every other day" if self.every_days == EVERY_OTHER_DAY else "a day"
        return f"{mg_text(self.mg_per_intake)} mg {times} {period}"


def mg_text(value: Decimal) -> str:
    """Return an amount as plain digits: 350.00 → '350'."""
    return f"{value.normalize():f}"


def plan_errors(steps: list[Step], current_daily_mg: Decimal) -> list[str]:
    """Return what makes a plan unusable: order, overlap, negatives, rises, no final zero."""
    if not steps:
        return ["Add at least one step, ending with a step of zero."]
    errors = []
    if any(s.mg_per_intake < 0 or s.intakes_per_day < 0 for s in steps):
        errors.append("Amounts cannot be negative.")
    if any(s.every_days not in (DAILY, EVERY_OTHER_DAY) for s in steps):
        errors.append("Take each step's doses every day or every other day.")
    dates = [s.start_date for s in steps]
    if len(set(dates)) != len(dates):
        errors.append("Two steps start on the same day; each step needs its own start date.")
    elif dates != sorted(dates):
        errors.append("Put the steps in date order, earliest first.")
    previous, previous_every = current_daily_mg, DAILY
    for number, step in enumerate(steps, start=1):
        if step.daily_mg > previous:
            errors.append(
                f"Step {number} raises the daily dose ({mg_text(step.daily_mg)} mg after "
                f"{mg_text(previous)} mg). A taper only goes down."
            )
            break
        # The same amount every day after every other day doubles what is taken.
        if not step.is_zero and step.daily_mg * previous_every > previous * step.every_days:
            errors.append(
                f"Step {number} takes doses more often than the step before it. A taper only "
                "goes down."
            )
            break
        previous, previous_every = step.daily_mg, max(step.every_days, 1)
    if not steps[-1].is_zero:
        errors.append("End the plan with a step of zero (0 mg or 0 intakes a day).")
    return errors


def plan_window_errors(steps: list[Step], *, course_start: date, today: date) -> list[str]:
    """Return what puts a plan outside its course's time: a step before the course started,
    or a step more than a year ahead."""
    errors = []
    if steps and min(s.start_date for s in steps) < course_start:
        errors.append("The first step cannot start before the course did.")
    if steps and max(s.start_date for s in steps) > latest_plan_date(today):
        errors.append("Plan steps at most a year ahead; enter later steps nearer the time.")
    return errors


def step_on(steps: list[Step], day: date) -> Step | None:
    """Return the step in force on a day, or None before the plan starts."""
    current = None
    for step in steps:
        if step.start_date <= day:
            current = step
    return current


def next_step_after(steps: list[Step], day: date) -> Step | None:
    return next((s for s in steps if s.start_date > day), None)


def taper_findings(steps: list[Step], today: date, today_total_mg: Decimal) -> list[Finding]:
    """Return today's step, the days to the next one, the change-day reminder, and a flag when
    today's logged total is above the step's amount."""
    current, upcoming = step_on(steps, today), next_step_after(steps, today)
    findings = []
    if current is None:
        if upcoming is not None:
            days = (upcoming.start_date - today).days
            findings.append(
                Finding(
                    Level.INFO,
                    "taper_starts",
                    f"Your taper starts in {days} day{'s' if days != 1 else ''}: "
                    f"{upcoming.describe()} from {upcoming.start_date:%a %d %b}.",
                )
            )
        return findings
    if current.start_date == today:
        findings.append(
            Finding(
                Level.CAUTION,
                "taper_step_changes_today",
                f"Your taper step changes today: {current.describe()}.",
            )
        )
    if current.takes_on(today):
        today_text = f"Today: {current.describe()}."
    else:
        today_text = f"Today is a day off: no dose ({current.describe()})."
    findings.append(Finding(Level.INFO, "taper_today", today_text))
    if upcoming is not None:
        days = (upcoming.start_date - today).days
        findings.append(
            Finding(
                Level.INFO,
                "taper_next_step",
                f"Next step in {days} day{'s' if days != 1 else ''} "
                f"({upcoming.start_date:%a %d %b}): {upcoming.describe()}.",
            )
        )
    if today_total_mg > current.mg_on(today):
        if current.takes_on(today):
            above = f"above this step's {mg_text(current.daily_mg)} mg"
        else:
            above = "on a day off of this step, when it plans none"
        findings.append(
            Finding(
                Level.WARNING,
                "taper_day_above_step",
                f"Today you logged {mg_text(today_total_mg)} mg, {above}. If withdrawal symptoms "
                "make the step hard, talk to your prescriber rather than adding doses.",
            )
        )
    return findings


def taper_proposal(day: int, limits: Limits, has_plan: bool) -> list[Finding]:
    """Return a proposal to plan a taper once the course passes the caution day without one."""
    if has_plan or not limits.taper_advised or limits.caution_day is None:
        return []
    if day < limits.caution_day:
        return []
    # In the course-day findings' words ("the 14-day mark", "the 21-day limit"): one page
    # must not call day 14 a limit and day 21 "at most" beside it.
    limit, hard = limits.limit_day, limits.hard_limit_day
    if limit is None or day < limit:
        where = f"approaching the {limit}-day mark" if limit else "approaching its usual length"
    elif day == limit:
        where = f"at the {limit}-day mark"
    elif hard is None or day <= hard:
        where = f"past the {limit}-day mark"
    else:
        where = f"past the {hard}-day limit"
    return [
        Finding(
            Level.CAUTION,
            "taper_proposed",
            f"Day {day}: the course is {where}, and stopping suddenly after longer use can "
            "bring withdrawal. Ask your prescriber how to stop safely (a step-down schedule), "
            "or prepare a suggested one to discuss with them.",
            limits.source,
        )
    ]


def stopping_risks_withdrawal(course_days: int, limits: Limits) -> bool:
    """Return whether stopping at once after this many days risks withdrawal, by the drug's
    reference data (a taper advised past its threshold)."""
    threshold = limits.taper_threshold_days
    return limits.taper_advised and threshold is not None and course_days > threshold


def abrupt_stop_warning(course_days: int, limits: Limits, has_plan: bool) -> Finding | None:
    """Return the withdrawal warning for ending a longer course with no taper plan."""
    if has_plan or not stopping_risks_withdrawal(course_days, limits):
        return None
    shown = limits.withdrawal_symptoms[:6]
    symptoms = ", ".join(shown).lower()
    if len(limits.withdrawal_symptoms) > len(shown):
        symptoms += ", …"
    return Finding(
        Level.WARNING,
        "abrupt_stop",
        f"Stopping abruptly after {course_days} days can cause withdrawal"
        f"{': ' + symptoms if symptoms else ''}. "
        "Ask your prescriber whether you should taper instead.",
        limits.source,
        limits.is_default("taper_threshold_days"),
    )


# How long after a course ends the dashboard keeps its withdrawal warning in view: an app
# default, for withdrawal that usually starts within 48 hours of the last dose (the drug's
# reference data says when, in its own words).
WITHDRAWAL_WATCH_DAYS = 3


def withdrawal_watch(
    ended_on: date, today: date, course_days: int, limits: Limits, has_plan: bool
) -> Finding | None:
    """Return what the dashboard says in the days after a longer course ended without a
    taper: the withdrawal signs to watch for, and to record how the patient feels."""
    if not 0 <= (today - ended_on).days < WITHDRAWAL_WATCH_DAYS:
        return None
    stop = abrupt_stop_warning(course_days, limits, has_plan)
    if stop is None:
        return None
    symptoms = ", ".join(limits.withdrawal_symptoms[:6]).lower()
    return Finding(
        Level.WARNING,
        "withdrawal_watch",
        f"You stopped on {ended_on:%a %d %b} after {course_days} days without a taper. "
        f"Withdrawal can start in the days after stopping{': ' + symptoms if symptoms else ''}. "
        "If you notice any, record how you feel: the app says when a sign needs help now. "
        "Tell your prescriber.",
        stop.source,
        stop.app_default,
    )
