"""Turn model rows into the plain values the rules take."""

from drugs.models import Drug, Schedule
from tracker.models import Course, Dose
from tracker.rules.findings import CourseFacts, DoseFact, Limits


def limits_for(drug: Drug) -> Limits:
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
        source=drug.limits_source.key if drug.limits_source_id else "",
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
    )


def dose_fact(dose: Dose) -> DoseFact:
    return DoseFact(taken_at=dose.taken_at, amount_mg=dose.amount_mg)
