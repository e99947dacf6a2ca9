"""The taper plan page: the steps to show in the form, and a suggestion computed from the course."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tracker.facts import taper_steps
from tracker.models import Course
from tracker.rules.course_day import course_day
from tracker.rules.taper import Step
from tracker.rules.taper_suggestion import Suggestion, recent_intakes, suggest_taper

RECENT_DAYS = 3  # what was taken lately: the full days before today, inside the course


def recent_daily_counts(course: Course, today: date) -> list[int]:
    """Return the intakes logged on each full course day of the last three before today."""
    first = max(course.start_date, today - timedelta(days=RECENT_DAYS))
    if first >= today:
        return []
    zone = timezone.get_current_timezone()
    moments = course.doses.filter(
        taken_at__gte=datetime.combine(first, time.min, zone),
        taken_at__lt=datetime.combine(today, time.min, zone),
    ).values_list("taken_at", flat=True)
    counts = dict.fromkeys((first + timedelta(days=n) for n in range((today - first).days)), 0)
    for moment in moments:
        day = timezone.localtime(moment, zone).date()
        if day in counts:  # a zone whose clock change falls at midnight can shift the bound
            counts[day] += 1
    return list(counts.values())


def stopped_lately(course: Course, today: date) -> bool:
    """Return whether doses were logged before, but none on the recent full days: then a
    step-down schedule would restart the drug, which is the prescriber's call, not ours."""
    counts = recent_daily_counts(course, today)
    return bool(counts) and not any(counts) and course.doses.exists()


def suggestion_for(course: Course, today: date) -> Suggestion | None:
    """Return a step-down schedule from what the course prescribes and what was taken lately,
    starting today; None for a drug with no reference step length."""
    drug = course.drug
    if not drug.taper_step_days or stopped_lately(course, today):
        return None
    return suggest_taper(
        mg_per_intake=course.mg_per_intake,
        intakes_per_day=course.intakes_per_day,
        days_used=max(course_day(course.start_date, today), 0),
        taken_per_day=recent_intakes(recent_daily_counts(course, today), course.intakes_per_day),
        step_days=drug.taper_step_days,
        threshold_days=drug.taper_threshold_days,
        usual_days=drug.taper_default_days,
        # Today, so the first step is in force at once; never before the course began.
        start_date=max(today, course.start_date),
    )


def plan_steps(course: Course, suggestion: Suggestion | None) -> list[Step]:
    """Return the suggestion's steps to edit before saving, or else the course's saved steps."""
    return list(suggestion.steps) if suggestion else taper_steps(course)
