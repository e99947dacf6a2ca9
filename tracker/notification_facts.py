"""Turn a course and the user's settings into the plain values the notification rules take."""

from datetime import date, datetime, time, timedelta

from tracker.facts import course_facts, intake_count, limits_for, taper_steps
from tracker.models import Course, NotificationSettings, Profile
from tracker.rules.notifications import CoursePlan, Preferences
from tracker.rules.supply import runs_out_on


def has_scheduled_doses(course: Course) -> bool:
    """Return whether the course has doses at set times, so dose-due and missed-dose
    notifications apply. An "as needed" course has none (the single place that decides it)."""
    return course.is_scheduled


def course_plan(course: Course, today: date, last_dose_at: datetime | None) -> CoursePlan:
    """Return the course as the notification rules see it on `today`."""
    planned_end = (
        course.start_date + timedelta(days=course.planned_days - 1) if course.planned_days else None
    )
    return CoursePlan(
        drug_name=course.drug.generic_name.capitalize(),
        start=course.start_date,
        limits=limits_for(course.drug),
        steps=tuple(taper_steps(course)),
        intakes_today=intake_count(course, today),
        scheduled=has_scheduled_doses(course),
        last_dose_at=last_dose_at,
        runs_out_on=runs_out_on(course_facts(course)),
        planned_end=planned_end,
    )


def preferences_of(profile: Profile, chosen: NotificationSettings | None) -> Preferences:
    """Return the user's dose times and notification settings (defaults when never saved)."""
    chosen = chosen or NotificationSettings()
    return Preferences(
        dose_times=tuple(time.fromisoformat(t) for t in profile.dose_times or []),
        quiet_start=chosen.quiet_start,
        quiet_end=chosen.quiet_end,
        missed_after=timedelta(minutes=chosen.missed_after_minutes),
    )
