"""Writes: small functions that validate, save and raise ValidationError with a clear message."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from drugs.models import Drug
from tracker.models import Course, CourseStatus, Dose, Profile
from tracker.rules.dose_input import dose_input_errors


def profile_for(user) -> Profile:
    """Return the user's profile, creating it with the default time zone if missing."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


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
    confirmed_items: list[str],
) -> Course:
    """Start a course, recording the safety checklist that was shown and confirmed."""
    course = Course(
        owner=owner,
        drug=drug,
        start_date=start_date,
        mg_per_intake=mg_per_intake,
        intakes_per_day=intakes_per_day,
        prescriber=prescriber,
        reason=reason,
        tablets_dispensed=tablets_dispensed,
        tablet_mg=tablet_mg,
        safety_checklist_shown_at=timezone.now(),
        safety_items_confirmed=confirmed_items,
    )
    course.full_clean()
    try:
        with transaction.atomic():
            course.save()
    except IntegrityError as exc:  # two tabs starting the same course at once
        raise ValidationError("You already have an active course of this drug.") from exc
    return course


def course_update(*, course: Course, **fields) -> Course:
    """Change a course; an ended course accepts only its notes."""
    if not course.is_active and set(fields) - {"notes"}:
        raise ValidationError("An ended course is read-only apart from its notes.")
    first_dose = course.doses.order_by("taken_at").values_list("taken_at", flat=True).first()
    for name, value in fields.items():
        setattr(course, name, value)
    if first_dose and timezone.localtime(first_dose).date() < course.start_date:
        raise ValidationError(
            {"start_date": "Doses are logged before that date; pick an earlier start."}
        )
    course.full_clean()
    course.save()
    return course


def course_end(*, course: Course, status: str, end_date: date) -> Course:
    """End an active course as finished or stopped early."""
    if not course.is_active:
        raise ValidationError("This course has already ended.")
    if status not in (CourseStatus.FINISHED, CourseStatus.STOPPED):
        raise ValidationError({"status": "Choose finished or stopped early."})
    course.status = status
    course.end_date = end_date
    course.full_clean()
    course.save()
    return course


def _check_dose(*, course: Course, amount_mg: Decimal, taken_at: datetime, now: datetime) -> None:
    errors = dose_input_errors(
        amount_mg=amount_mg,
        taken_at=taken_at,
        now=now,
        course_start=course.start_date,
        zone=timezone.get_current_timezone(),
        dose_max_mg=course.drug.dose_max_mg,
    )
    if errors:
        raise ValidationError(errors)


def dose_log(
    *,
    course: Course,
    taken_at: datetime,
    amount_mg: Decimal,
    token: uuid.UUID,
    note: str = "",
    now: datetime | None = None,
) -> tuple[Dose, bool]:
    """Record a dose once per form token; return the dose and whether it is new."""
    if not course.is_active:
        raise ValidationError("This course has ended; doses can no longer be logged to it.")
    _check_dose(course=course, amount_mg=amount_mg, taken_at=taken_at, now=now or timezone.now())
    try:
        with transaction.atomic():
            dose = Dose.objects.create(
                course=course, taken_at=taken_at, amount_mg=amount_mg, note=note, form_token=token
            )
        return dose, True
    except IntegrityError:
        existing = Dose.objects.filter(form_token=token, course=course).first()
        if existing is None:
            raise ValidationError("This form has expired. Reload the page and try again.") from None
        return existing, False


def dose_update(
    *, dose: Dose, taken_at: datetime, amount_mg: Decimal, note: str, now: datetime | None = None
) -> Dose:
    """Change a dose and mark it edited; the history keeps the earlier values."""
    now = now or timezone.now()
    _check_dose(course=dose.course, amount_mg=amount_mg, taken_at=taken_at, now=now)
    dose.taken_at, dose.amount_mg, dose.note = taken_at, amount_mg, note
    dose.edited_at = now
    dose.save()
    return dose


def dose_delete(*, dose: Dose) -> None:
    dose.delete()
