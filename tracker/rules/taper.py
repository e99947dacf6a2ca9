"""Taper plans as plain values: the suggested schedule, plan checks, and where today falls."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tracker.rules.bounds import latest_plan_date
from tracker.rules.findings import Finding, Level, Limits


@dataclass(frozen=True)
class Step:
    start_date: date
    mg_per_intake: Decimal
    intakes_per_day: int

    @property
    def daily_mg(self) -> Decimal:
        return self.mg_per_intake * self.intakes_per_day

    @property
    def is_zero(self) -> bool:
        return self.daily_mg == 0

    def describe(self) -> str:
        """Return the step in words: '350 mg twice a day', 'none (stopped)'."""
        if self.is_zero:
            return "none (stopped)"
        times = {1: "once a day", 2: "twice a day"}.get(
            self.intakes_per_day, f"{self.intakes_per_day} times a day"
        )
        return f"{self.mg_per_intake.normalize():f} mg {times}"


def suggest_taper(
    *, mg_per_intake: Decimal, intakes_per_day: int, length_days: int, start_date: date
) -> list[Step]:
    """Return a schedule that drops daily intakes at evenly spaced steps down to zero.

    One intake goes per step when the taper is long enough; a short taper drops several at once.
    The first step starts on start_date and the zero step falls on or before the last day of the
    taper (start_date + length_days - 1). It never raises the dose.
    """
    if intakes_per_day < 1 or length_days < 1:
        return [Step(start_date, Decimal(0), 0)]
    count = min(intakes_per_day, length_days)
    spacing = length_days // count
    steps = []
    for index in range(count):
        remaining = intakes_per_day * (count - 1 - index) // count
        steps.append(
            Step(
                start_date=start_date + timedelta(days=index * spacing),
                mg_per_intake=mg_per_intake if remaining else Decimal(0),
                intakes_per_day=remaining,
            )
        )
    return steps


def plan_errors(steps: list[Step], current_daily_mg: Decimal) -> list[str]:
    """Return what makes a plan unusable: order, overlap, negatives, rises, no final zero."""
    if not steps:
        return ["Add at least one step, ending with a step of zero."]
    errors = []
    if any(s.mg_per_intake < 0 or s.intakes_per_day < 0 for s in steps):
        errors.append("Amounts cannot be negative.")
    dates = [s.start_date for s in steps]
    if len(set(dates)) != len(dates):
        errors.append("Two steps start on the same day; each step needs its own start date.")
    elif dates != sorted(dates):
        errors.append("Put the steps in date order, earliest first.")
    previous = current_daily_mg
    for number, step in enumerate(steps, start=1):
        if step.daily_mg > previous:
            errors.append(
                f"Step {number} raises the daily dose ({step.daily_mg.normalize():f} mg after "
                f"{previous.normalize():f} mg). A taper only goes down."
            )
            break
        previous = step.daily_mg
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
                    f"Your taper starts in {days} day(s): "
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
    findings.append(Finding(Level.INFO, "taper_today", f"Today: {current.describe()}."))
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
    if today_total_mg > current.daily_mg:
        findings.append(
            Finding(
                Level.WARNING,
                "taper_day_above_step",
                f"Today you logged {today_total_mg.normalize():f} mg, above this step's "
                f"{current.daily_mg.normalize():f} mg. If withdrawal symptoms make the step "
                "hard, talk to your prescriber rather than adding doses.",
            )
        )
    return findings


def taper_proposal(day: int, limits: Limits, has_plan: bool) -> list[Finding]:
    """Return a proposal to plan a taper once the course passes the caution day without one."""
    if has_plan or not limits.taper_advised or limits.caution_day is None:
        return []
    if day < limits.caution_day:
        return []
    return [
        Finding(
            Level.CAUTION,
            "taper_proposed",
            f"Day {day}: the course is near its usual limit, and stopping suddenly after longer "
            "use can bring withdrawal. Ask your prescriber how to stop safely (a step-down "
            "schedule), or prepare a suggested one to discuss with them.",
            limits.source,
        )
    ]


def abrupt_stop_warning(course_days: int, limits: Limits, has_plan: bool) -> Finding | None:
    """Return the withdrawal warning for ending a longer course with no taper plan."""
    threshold = limits.taper_threshold_days
    if has_plan or not limits.taper_advised or threshold is None or course_days <= threshold:
        return None
    symptoms = ", ".join(limits.withdrawal_symptoms[:6]).lower()
    return Finding(
        Level.WARNING,
        "abrupt_stop",
        f"Stopping abruptly after {course_days} days can cause withdrawal: {symptoms}, … "
        "Ask your prescriber whether you should taper instead.",
        limits.source,
        limits.is_default("taper_threshold_days"),
    )
