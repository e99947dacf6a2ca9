"""Starting, changing and ending a course."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from drugs.models import Drug
from tracker import data_version
from tracker.facts import abrupt_stop_finding
from tracker.models import Course, CourseStatus, DoseSchedule
from tracker.services.results import Saved


def course_start(
    *,
    owner,
    drug: Drug,
    start_date: date,
    mg_per_intake: Decimal,
    intakes_per_day: int,
    prescriber: str = "",
    reason: str = "",
    tablets_dispensed: int | None = None,
    tablet_mg: Decimal | None = None,
    planned_days: int | None = None,
    confirmed_items: list[str],
    prescription_warnings: list[str] = (),
    dose_schedule: str = DoseSchedule.SCHEDULED,
) -> Saved[Course]:
    """Start a course, recording when the safety questions were shown and what was answered,
    and what beyond the labelled limits the patient confirmed their prescriber wrote."""
    now = timezone.now()
    course = Course(
        owner=owner,
        drug=drug,
        dose_schedule=dose_schedule,
        start_date=start_date,
        mg_per_intake=mg_per_intake,
        intakes_per_day=intakes_per_day,
        prescriber=prescriber,
        reason=reason,
        tablets_dispensed=tablets_dispensed,
        tablet_mg=tablet_mg,
        planned_days=planned_days,
        safety_checklist_shown_at=now,
        safety_items_confirmed=confirmed_items,
        prescription_warnings=list(prescription_warnings),
        prescription_confirmed_at=now if prescription_warnings else None,
    )
    course.full_clean()
    try:
        with transaction.atomic():
            course.save()
            data_version.bump(user_id=owner.pk)
    except IntegrityError as exc:  # two tabs starting the same course at once
        raise ValidationError("You already have an active course of this drug.") from exc
    return Saved(course)


@transaction.atomic
def course_update(
    *,
    course: Course,
    prescription_warnings: list[str] | None = None,
    prescription_confirmed: bool = False,
    **fields,
) -> Saved[Course]:
    """Change a course; an ended course accepts only its notes. With the prescription's
    warnings (as the form listed them), record them, and when they changed or the patient
    ticked the confirmation, that the patient confirmed them now."""
    if not course.is_active and set(fields) - {"notes"}:
        raise ValidationError("An ended course is read-only apart from its notes.")
    if prescription_warnings is not None and (
        prescription_warnings != course.prescription_warnings or prescription_confirmed
    ):
        course.prescription_warnings = list(prescription_warnings)
        course.prescription_confirmed_at = timezone.now() if prescription_warnings else None
    first_dose = course.doses.order_by("taken_at").values_list("taken_at", flat=True).first()
    for name, value in fields.items():
        setattr(course, name, value)
    if first_dose and timezone.localtime(first_dose).date() < course.start_date:
        raise ValidationError(
            {"start_date": "Doses are logged before that date; pick an earlier start."}
        )
    course.full_clean()
    course.save()
    data_version.bump(user_id=course.owner_id)
    return Saved(course, created=False)


@transaction.atomic
def course_end(*, course: Course, status: str, end_date: date) -> Saved[Course]:
    """End an active course as finished or stopped early; warn when stopping abruptly after
    long use risks withdrawal and no taper was planned."""
    if not course.is_active:
        raise ValidationError("This course has already ended.")
    if status not in (CourseStatus.FINISHED, CourseStatus.STOPPED):
        raise ValidationError({"status": "Choose finished or stopped early."})
    last_dose = course.doses.order_by("-taken_at").values_list("taken_at", flat=True).first()
    if last_dose and timezone.localtime(last_dose).date() > end_date:
        last_day = timezone.localtime(last_dose).date()
        raise ValidationError(
            {
                "end_date": f"A dose is logged after that date (on {last_day:%d %b %Y}): "
                "pick that day or later, or correct the dose first."
            }
        )
    course.status = status
    course.end_date = end_date
    course.full_clean()
    course.save()
    data_version.bump(user_id=course.owner_id)
    warning = abrupt_stop_finding(course, end_date)
    return Saved(course, findings=[warning] if warning else [], created=False)
