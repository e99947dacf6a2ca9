"""The taper plan page: the steps to show in the form."""

from datetime import date

from tracker.facts import taper_steps
from tracker.models import Course
from tracker.rules.taper import Step, suggest_taper


def plan_steps(course: Course, today: date, *, suggested: bool) -> list[Step]:
    """Return the course's saved steps, or a suggestion starting today to edit before saving."""
    if not (suggested and course.drug.taper_default_days):
        return taper_steps(course)
    return suggest_taper(
        mg_per_intake=course.mg_per_intake,
        intakes_per_day=course.intakes_per_day,
        length_days=course.drug.taper_default_days,
        # Today, so the first step is in force at once; never before the course began.
        start_date=max(today, course.start_date),
    )
