"""Taper plans: save a whole plan at once (all steps or none), or remove it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tracker import data_version
from tracker.models import Course, TaperPlan, TaperStep
from tracker.rules.taper import Step, plan_errors, plan_window_errors
from tracker.services.results import Saved


def taper_plan_save(
    *, course: Course, steps: list[Step], from_suggestion: bool
) -> Saved[TaperPlan]:
    """Replace the course's plan with these steps, refusing a plan that could harm."""
    if not course.is_active:
        raise ValidationError("An ended course cannot get a new taper plan.")
    errors = plan_errors(steps, course.daily_mg) + plan_window_errors(
        steps, course_start=course.start_date, today=timezone.localdate()
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan, created = TaperPlan.objects.get_or_create(
            course=course, defaults={"from_suggestion": from_suggestion}
        )
        if not created:
            plan.steps.all().delete()
            plan.from_suggestion = from_suggestion
            plan.edited_at = timezone.now()
            plan.save()
        TaperStep.objects.bulk_create(
            TaperStep(
                plan=plan,
                start_date=s.start_date,
                mg_per_intake=s.mg_per_intake,
                intakes_per_day=s.intakes_per_day,
                every_days=s.every_days,
            )
            for s in steps
        )
        data_version.bump(user_id=course.owner_id)
    return Saved(plan, created=created)


@transaction.atomic
def taper_plan_delete(*, course: Course) -> None:
    TaperPlan.objects.filter(course=course).delete()
    data_version.bump(user_id=course.owner_id)
