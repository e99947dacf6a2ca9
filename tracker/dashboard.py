"""Assemble what the dashboard shows for one course: reads the rows, calls the rules."""

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal

from tracker.facts import course_facts, dose_fact, limits_for, taper_steps
from tracker.models import Course, Dose
from tracker.rules.chart import Chart, daily_chart
from tracker.rules.course import current_findings, reference_day
from tracker.rules.course_day import course_day, stage
from tracker.rules.doses import daily_totals, local_day, next_dose_earliest
from tracker.rules.findings import Finding, Level, most_serious_first
from tracker.rules.taper import Step, step_on, taper_findings, taper_proposal


@dataclass
class CoursePanel:
    course: Course
    day: int
    stage: Level
    progress_pct: int
    today_doses: list[Dose]
    today_mg: Decimal
    next_dose_at: datetime | None
    findings: list[Finding]
    chart: Chart
    step: Step | None  # today's taper step, when a plan is in force
    planned_intakes: int
    planned_mg: Decimal
    log_mg: Decimal  # what one click records: the step's amount during a taper


def course_panel(course: Course, doses: list[Dose], today: date, zone: tzinfo) -> CoursePanel:
    """Return the dashboard panel of a course from its doses (all of them, any order)."""
    limits = limits_for(course.drug)
    facts = course_facts(course)
    plain = [dose_fact(d) for d in doses]
    day = course_day(course.start_date, reference_day(facts, today))
    today_doses = sorted(
        (d for d in doses if local_day(d.taken_at, zone) == today), key=lambda d: d.taken_at
    )
    last = max((d.taken_at for d in doses), default=None)
    hard = limits.hard_limit_day
    steps = taper_steps(course)
    step = step_on(steps, today)
    today_mg = sum((d.amount_mg for d in today_doses), Decimal(0))
    findings = current_findings(facts, plain, today, zone, limits)
    if course.is_active:
        findings += taper_findings(steps, today, today_mg) + taper_proposal(
            day, limits, bool(steps)
        )
    return CoursePanel(
        course=course,
        day=day,
        stage=stage(day, limits),
        progress_pct=min(100, round(100 * day / hard)) if hard else 0,
        today_doses=today_doses,
        today_mg=today_mg,
        next_dose_at=next_dose_earliest(last, limits),
        findings=most_serious_first(findings),
        chart=daily_chart(
            daily_totals(plain, zone),
            course.start_date,
            max(reference_day(facts, today), course.start_date),
            limits.max_daily_mg,
        ),
        step=step,
        planned_intakes=step.intakes_per_day if step else course.intakes_per_day,
        planned_mg=step.daily_mg if step else course.daily_mg,
        log_mg=step.mg_per_intake if step and not step.is_zero else course.mg_per_intake,
    )
