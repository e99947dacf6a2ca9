"""Turn model rows into the plain values the rules take."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from drugs.models import Drug, DrugFact, Schedule
from tracker.models import Course, Dose
from tracker.models.courses import prescription_limits
from tracker.rules.course_day import course_day
from tracker.rules.findings import CourseFacts, DoseFact, Finding, Limits
from tracker.rules.prescription import Prescription, prescription_findings, standing_findings
from tracker.rules.symptoms import Symptom, is_urgent
from tracker.rules.taper import Step, abrupt_stop_warning, step_on, withdrawal_watch


def prescription_of(course: Course) -> Prescription:
    return Prescription(course.mg_per_intake, course.intakes_per_day, course.planned_days)


def course_prescription_findings(course: Course, zone) -> list[Finding]:
    """Return what in the course's prescription is beyond the labelled limits, as kept on the
    dashboard for the whole course."""
    findings = prescription_findings(
        prescription_of(course), prescription_limits(course.drug), course.drug.generic_name
    )
    confirmed = course.prescription_confirmed_at
    return standing_findings(
        findings,
        confirmed.astimezone(zone).date() if confirmed else None,
        course.prescription_warnings,
    )


def symptom_of(fact: DrugFact) -> Symptom:
    return Symptom(kind=fact.kind, text=fact.text, urgent=fact.urgent)


def any_urgent(facts) -> bool:
    """Return whether any of these symptom facts makes a check-in urgent."""
    return any(is_urgent(symptom_of(f)) for f in facts)


def limits_for(drug: Drug, withdrawal_symptoms: tuple[str, ...] = ()) -> Limits:
    """Return the drug's reference limits as plain values."""
    return Limits(
        dose_min_mg=drug.dose_min_mg,
        dose_max_mg=drug.dose_max_mg,
        max_daily_mg=drug.max_daily_mg,
        min_hours_between=drug.min_hours_between,
        caution_day=drug.course_caution_day,
        limit_day=drug.course_limit_day,
        hard_limit_day=drug.course_hard_limit_day,
        limit_reason=drug.course_limit_reason,
        controlled=drug.schedule not in ("", Schedule.NONE),
        taper_advised=drug.taper_advised,
        taper_threshold_days=drug.taper_threshold_days,
        withdrawal_symptoms=withdrawal_symptoms,
        source=drug.limits_source_label,
        app_defaults=frozenset(drug.app_defaults or []),
    )


def course_facts(course: Course) -> CourseFacts:
    return CourseFacts(
        start_date=course.start_date,
        end_date=course.end_date,
        mg_per_intake=course.mg_per_intake,
        intakes_per_day=course.intakes_per_day,
        tablets_dispensed=course.tablets_dispensed,
        tablet_mg=course.tablet_mg,
        as_needed=not course.is_scheduled,
    )


def dose_fact(dose: Dose) -> DoseFact:
    return DoseFact(taken_at=dose.taken_at, amount_mg=dose.amount_mg)


def withdrawal_symptoms(drug: Drug) -> tuple[str, ...]:
    """Return the drug's withdrawal symptoms from reference data, in their stored order."""
    return tuple(
        drug.facts.filter(kind=DrugFact.FactKind.WITHDRAWAL).values_list("text", flat=True)
    )


def taper_steps(course: Course) -> list[Step]:
    """Return the course's taper steps as plain values (empty without a plan)."""
    plan = getattr(course, "taper_plan", None)
    if plan is None:
        return []
    return [
        Step(s.start_date, s.mg_per_intake, s.intakes_per_day, s.every_days)
        for s in plan.steps.all()
    ]


def pace_on(course: Course) -> Callable[[date], tuple[int | None, bool]]:
    """Return a function of a day: how many intakes are prescribed on it (the taper step's,
    during a taper: none on a day off of an every-other-day step, none after the last step;
    else the course's) and whether it is such a day off. The steps are read once: the dose
    history and a logged dose's later doses ask it of many doses."""
    steps = taper_steps(course)

    def on(day: date) -> tuple[int | None, bool]:
        step = step_on(steps, day)
        if step is None:
            return course.intakes_per_day, False
        return step.intakes_on(day), not step.is_zero and not step.takes_on(day)

    return on


def intake_count(course: Course, day) -> int:
    """Return how many intakes are prescribed on that day (`pace_on`)."""
    return pace_on(course)(day)[0]


def is_day_off(course: Course, day) -> bool:
    """Return whether that day is a day off of an every-other-day taper step (`pace_on`)."""
    return pace_on(course)(day)[1]


def intake_amount(course: Course, today) -> Decimal:
    """Return what one intake is today: the taper step's amount while a plan is in force (on
    a day off too, so a dose logged then is recorded at the step's amount and flagged)."""
    step = step_on(taper_steps(course), today)
    if step is not None and not step.is_zero:
        return step.mg_per_intake
    return course.mg_per_intake


def withdrawal_watch_finding(course: Course, today) -> Finding | None:
    """Return the withdrawal watch for a course that ended lately without a taper, if any."""
    limits = limits_for(course.drug, withdrawal_symptoms(course.drug))
    day = course_day(course.start_date, course.end_date)
    has_plan = hasattr(course, "taper_plan")
    return withdrawal_watch(course.end_date, today, day, limits, has_plan)


def abrupt_stop_finding(course: Course, end_date) -> Finding | None:
    """Return the warning for ending the course on that day without a taper, if one applies."""
    limits = limits_for(course.drug, withdrawal_symptoms(course.drug))
    day = course_day(course.start_date, end_date)
    return abrupt_stop_warning(day, limits, hasattr(course, "taper_plan"))
