"""What the dashboard shows: the user's rows through the rules, as plain data.

Kept between changes by tracker/pages/dashboard_kept.py.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from django.db.models import Prefetch, prefetch_related_objects

from drugs.models import DrugFact
from drugs.reference_memo import kept_for_version
from tracker.data_version import Versions
from tracker.facts import (
    course_facts,
    course_prescription_findings,
    dose_fact,
    limits_for,
    taper_steps,
    withdrawal_watch_finding,
)
from tracker.interactions import as_finding, course_key, interaction_report, not_checked_findings
from tracker.models import CoMedication, Course, Dose
from tracker.rules.adherence import Adherence, Advice, TodayPlan, adherence
from tracker.rules.as_needed import next_allowed_at
from tracker.rules.cautions import caution_findings
from tracker.rules.chart import Chart, daily_chart
from tracker.rules.course import current_findings, reference_day
from tracker.rules.course_day import course_day, planned_length_findings, stage
from tracker.rules.doses import daily_totals, local_day, next_dose_earliest
from tracker.rules.findings import Finding, Level, Limits, most_serious_first
from tracker.rules.status import (
    FindingGroup,
    Situation,
    finding_groups,
)
from tracker.rules.taper import (
    WITHDRAWAL_WATCH_DAYS,
    Step,
    step_on,
    taper_findings,
    taper_proposal,
)


def first_dose_facts(drug_id: int, reference_version: int | None = None) -> tuple:
    """Return the facts a patient reads before the first dose of a course of the drug (how and
    when to take it, missed doses), with sources: reference data alone, so kept per reference
    version (drugs/reference_memo.py)."""
    kinds = [DrugFact.FactKind.TIMING, DrugFact.FactKind.MISSED_DOSE]
    facts = DrugFact.objects.active().filter(drug_id=drug_id, kind__in=kinds)
    return kept_for_version(
        ("first_dose_facts", drug_id),
        lambda: tuple(facts.select_related("source")),
        version=reference_version,
        sets=True,
    )


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
    first_dose_facts: list  # how and when to take it, and missed doses: before the first dose
    limits: Limits
    recent: tuple  # the doses since yesterday (DoseFact): today's rolling 24 hours
    has_doses: bool
    adherence: Adherence | None = None  # doses taken against planned: None as needed
    today_plan: TodayPlan | None = None  # for the missed-dose check: None as needed
    has_taper_plan: bool = False  # a plan with steps, in force or still to start

    def situation(self, urgent: bool = False) -> Situation:
        """Return what the course's status is worked out from (tracker/rules/status.py)."""
        return Situation(
            findings=tuple(self.findings),
            day=self.day,
            limits=self.limits,
            next_dose_at=self.next_dose_at,
            log_mg=self.log_mg,
            today_mg=self.today_mg,
            recent=self.recent,
            plan_mg_today=self.planned_mg if self.step else None,
            has_doses=self.has_doses,
            has_taper_plan=self.has_taper_plan,
            urgent=urgent,
            today_plan=self.today_plan,
        )

    @property
    def groups(self) -> list[FindingGroup]:
        """Return the findings grouped by kind, each once, most serious group first."""
        return finding_groups(self.findings)


def missed_dose_advice(course: Course) -> tuple[Advice, ...]:
    """Return the drug's missed-dose facts with their sources, from the dashboard's prefetch."""
    facts = getattr(course.drug, "first_dose_facts", [])
    return tuple(
        Advice(f.text, f.source_label) for f in facts if f.kind == DrugFact.FactKind.MISSED_DOSE
    )


def _first_dose_facts(course: Course) -> list:
    """Return the facts shown before a course's first dose; an as-needed course has no dose
    to miss, so the missed-dose advice (written for a schedule) is left out."""
    facts = getattr(course.drug, "first_dose_facts", [])
    if course.is_scheduled:
        return list(facts)
    return [f for f in facts if f.kind != DrugFact.FactKind.MISSED_DOSE]


def dose_times_of(texts: Sequence[str]) -> tuple[time, ...]:
    """Return the profile's usual dose times ("08:00", checked by the settings form)."""
    return tuple(time.fromisoformat(t) for t in texts)


def course_panel(
    course: Course,
    doses: list[Dose],
    today: date,
    zone: tzinfo,
    dose_times: tuple[time, ...] = (),
) -> CoursePanel:
    """Return the dashboard panel of a course from its doses (all of them, any order), and
    the patient's usual dose times for the missed-dose check (none: the interval decides)."""
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
    log_mg = step.mg_per_intake if step and not step.is_zero else course.mg_per_intake
    planned_intakes = step.intakes_on(today) if step else course.intakes_per_day
    recent = tuple(p for p in plain if local_day(p.taken_at, zone) >= today - timedelta(days=1))
    next_dose_at = next_dose_earliest(last, limits)
    followed, today_plan = None, None
    if course.is_scheduled:
        followed = adherence(
            taken_at=(p.taken_at for p in plain),
            zone=zone,
            start=course.start_date,
            last_day=max(reference_day(facts, today), course.start_date),
            today=today,
            course_intakes=course.intakes_per_day,
            steps=steps,
        )
        if course.is_active:
            today_plan = TodayPlan(
                day=today,
                planned=planned_intakes,
                dose_times=dose_times,
                taken=tuple(d.taken_at for d in today_doses),
                last_taken_at=last,
                advice=missed_dose_advice(course),
            )
    else:  # as needed: the next dose waits for the gap, the daily maximum and the ceiling
        next_dose_at = next_allowed_at(recent, log_mg, limits, planned_intakes) or next_dose_at
    if course.is_active:
        findings += taper_findings(steps, today, today_mg) + taper_proposal(
            day, limits, bool(steps)
        )
        findings += caution_findings(course.safety_items_confirmed, course.drug.generic_name)
        findings += planned_length_findings(day, course.planned_days)
        findings += course_prescription_findings(course, zone)
    return CoursePanel(
        course=course,
        day=day,
        stage=stage(day, limits),
        progress_pct=min(100, round(100 * day / hard)) if hard else 0,
        today_doses=today_doses,
        today_mg=today_mg,
        next_dose_at=next_dose_at,
        findings=most_serious_first(findings),
        chart=daily_chart(
            daily_totals(plain, zone),
            course.start_date,
            max(reference_day(facts, today), course.start_date),
            limits.max_daily_mg,
        ),
        step=step,
        planned_intakes=planned_intakes,
        planned_mg=step.mg_on(today) if step else course.daily_mg,
        log_mg=log_mg,
        first_dose_facts=[] if doses else _first_dose_facts(course),
        limits=limits,
        recent=recent,
        has_doses=bool(doses),
        adherence=followed,
        today_plan=today_plan,
        has_taper_plan=bool(steps),
    )


@dataclass
class DashboardData:
    panels: list[CoursePanel]
    other_findings: list[Finding]  # interactions that involve no course
    unchecked: list[CoMedication]  # not in the reference data, so not checked
    comed_count: int
    interaction_count: int  # current interactions found, with a course or not
    # Courses that ended lately without a taper, each with the withdrawal signs to watch for.
    watch: list[tuple[Course, Finding]] = field(default_factory=list)

    def situations(self) -> tuple[Situation, ...]:
        """Return what each panel's status is worked out from, at any moment of the day."""
        return tuple(p.situation() for p in self.panels)


def dashboard_data(user, today: date, zone: tzinfo, versions: Versions) -> DashboardData:
    """Return everything the dashboard shows on `today`, in a fixed number of queries.
    `versions`: tracker/data_version.py's read for the user, just before."""
    reference_version = versions.reference
    # The active courses and those ended within the withdrawal watch, in one query; only the
    # active ones need their doses and taper steps.
    watched_since = today - timedelta(days=WITHDRAWAL_WATCH_DAYS - 1)
    shown = list(Course.objects.active_or_ended_since(user, watched_since))
    courses = [c for c in shown if c.is_active]
    ended = [c for c in shown if not c.is_active]
    doses = Dose.objects.only("id", "course_id", "taken_at", "amount_mg", "note")
    prefetch_related_objects(courses, Prefetch("doses", queryset=doses), "taper_plan__steps")
    for course in courses:
        course.drug.first_dose_facts = first_dose_facts(course.drug_id, reference_version)
    comeds = list(CoMedication.objects.for_owner(user).active_on(today))
    report = interaction_report(courses, comeds, today, reference_version=reference_version)
    panels, dose_times = [], dose_times_of(versions.dose_times)
    for course in courses:
        panel = course_panel(course, list(course.doses.all()), today, zone, dose_times)
        involving = [as_finding(f) for f in report.for_key(course_key(course))]
        involving += not_checked_findings(course, report.unchecked)
        panel.findings = most_serious_first(involving + panel.findings)
        panels.append(panel)
    keys = {course_key(c) for c in courses}
    watch = [(c, f) for c in ended if (f := withdrawal_watch_finding(c, today)) is not None]
    return DashboardData(
        watch=watch,
        panels=panels,
        other_findings=[as_finding(f) for f in report.findings if not f.agent_keys & keys],
        unchecked=report.unchecked,
        comed_count=len(comeds),
        interaction_count=len(report.findings),
    )
