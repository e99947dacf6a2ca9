"""Logging, correcting and deleting doses. A dose that breaks a rule is still recorded: the
findings say what it breaks."""

import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from tracker import data_version
from tracker.facts import dose_fact, limits_for, pace_on
from tracker.models import Course, Dose
from tracker.rules.dose_input import dose_input_errors
from tracker.rules.doses import dose_findings, lookback
from tracker.rules.findings import DoseFact, Finding
from tracker.rules.later_doses import later_dose_findings
from tracker.services.dose_days import refresh_dose_days
from tracker.services.results import Saved

# How long after logging a dose the dashboard's "Undo" removes it: long enough to notice a
# mis-tap, short enough that it cannot remove a dose by accident later (the history can).
UNDO_WINDOW = timedelta(minutes=10)


def _check_dose(*, course: Course, amount_mg: Decimal, taken_at: datetime, now: datetime) -> None:
    errors = dose_input_errors(
        amount_mg=amount_mg,
        taken_at=taken_at,
        now=now,
        course_start=course.start_date,
        zone=timezone.get_current_timezone(),
        dose_max_mg=course.drug.dose_max_mg,
        course_end=course.end_date,
    )
    if errors:
        raise ValidationError(errors)


def _findings(dose: Dose, *, was: DoseFact | None = None) -> list[Finding]:
    """Return the rules this dose breaks, against the course's other doses, then those it
    makes the doses after it break (when it was logged after them). `was`: the dose before
    an edit."""
    zone = timezone.get_current_timezone()
    day = timezone.localtime(dose.taken_at, zone).date()
    limits = limits_for(dose.course.drug)
    # The rules read the doses of the dose's local day and those up to 24 hours (or the
    # minimum gap, if longer) before it; the doses after it, as far again and their days:
    # those are all read, however long the course.
    reach = lookback(limits)
    last_day = timezone.localtime(dose.taken_at + reach, zone).date()
    others = (
        Dose.objects.filter(course_id=dose.course_id)
        .exclude(pk=dose.pk)
        .filter(
            taken_at__gte=min(datetime.combine(day, time.min, tzinfo=zone), dose.taken_at - reach),
            taken_at__lt=datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone),
        )
        .values_list("taken_at", "amount_mg")  # plain values: the rules need no model rows
    )
    others = [DoseFact(taken_at, amount_mg) for taken_at, amount_mg in others]
    prefetch_related_objects([dose.course], "taper_plan__steps")  # read once, asked often
    course, fact = dose.course, dose_fact(dose)
    pace = pace_on(course)
    intakes, day_off = pace(day)
    return dose_findings(
        fact,
        others,
        zone,
        limits,
        intakes,
        day_off=day_off,
        as_needed=not course.is_scheduled,
    ) + later_dose_findings(
        fact,
        others,
        zone,
        limits,
        pace,
        as_needed=not course.is_scheduled,
        instead_of=was,
    )


def dose_log(
    *,
    course: Course,
    taken_at: datetime,
    amount_mg: Decimal,
    token: uuid.UUID,
    note: str = "",
    now: datetime | None = None,
) -> Saved[Dose]:
    """Record a dose once per form token: a resubmitted form returns the dose already saved."""
    if not course.is_active:
        raise ValidationError("This course has ended; doses can no longer be logged to it.")
    _check_dose(course=course, amount_mg=amount_mg, taken_at=taken_at, now=now or timezone.now())
    try:
        with transaction.atomic():
            dose = Dose.objects.create(
                course=course, taken_at=taken_at, amount_mg=amount_mg, note=note, form_token=token
            )
            zone_name = data_version.bump(user_id=course.owner_id)
            refresh_dose_days(
                course=course, moments=[taken_at], zone_name=zone_name, may_empty=False
            )
    except IntegrityError:
        existing = Dose.objects.filter(form_token=token, course=course).first()
        if existing is None:
            raise ValidationError("This form has expired. Reload the page and try again.") from None
        return Saved(existing, created=False)
    return Saved(dose, findings=_findings(dose))


@transaction.atomic
def dose_update(
    *, dose: Dose, taken_at: datetime, amount_mg: Decimal, note: str, now: datetime | None = None
) -> Saved[Dose]:
    """Change a dose and mark it edited; the history keeps the earlier values."""
    now = now or timezone.now()
    _check_dose(course=dose.course, amount_mg=amount_mg, taken_at=taken_at, now=now)
    was = dose_fact(dose)
    dose.taken_at, dose.amount_mg, dose.note = taken_at, amount_mg, note
    dose.edited_at = now
    dose.save()
    zone_name = data_version.bump(user_id=dose.course.owner_id)
    refresh_dose_days(course=dose.course, moments=[was.taken_at, taken_at], zone_name=zone_name)
    return Saved(dose, findings=_findings(dose, was=was), created=False)


@transaction.atomic
def dose_delete(*, dose: Dose) -> None:
    course, taken_at = dose.course, dose.taken_at
    dose.delete()
    zone_name = data_version.bump(user_id=course.owner_id)
    refresh_dose_days(course=course, moments=[taken_at], zone_name=zone_name)


def dose_undo(*, dose: Dose, now: datetime | None = None) -> None:
    """Delete a dose logged moments ago (a mis-tap), through `dose_delete`: the version moves
    and the history keeps the row. Raise ValidationError once the undo window has passed."""
    now = now or timezone.now()
    if now - dose.created_at > UNDO_WINDOW:
        minutes = int(UNDO_WINDOW.total_seconds() // 60)
        raise ValidationError(
            f"Undo works for {minutes} minutes after logging, and this dose was logged "
            f"earlier: nothing was removed. If it is wrong, delete it from your dose history."
        )
    dose_delete(dose=dose)
