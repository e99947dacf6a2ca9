"""Export all of a user's data as JSON, import it into an empty account, delete an account.

Reference rows are named by natural keys (drug slug; symptom as drug slug, kind and text), so an
export imports into a fresh install of the same reference data with nothing lost.
"""

import logging
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from tracker import data_version
from tracker.imports.records import rows_from_export, rows_save
from tracker.models import (
    CheckIn,
    CoMedication,
    Course,
    Dose,
    Profile,
    ReminderSent,
    TaperPlan,
    TaperStep,
)

logger = logging.getLogger(__name__)

FORMAT = "course-tracker-export"
VERSION = 1
COURSE_FIELDS = [
    "start_date",
    "mg_per_intake",
    "intakes_per_day",
    "prescriber",
    "reason",
    "tablets_dispensed",
    "tablet_mg",
    "status",
    "end_date",
    "notes",
    "safety_checklist_shown_at",
    "safety_items_confirmed",
    "created_at",
]
# The form token is an internal double-submit guard, unique per install: not user data.
DOSE_FIELDS = ["taken_at", "amount_mg", "note", "created_at", "edited_at"]
COMED_FIELDS = [
    "name",
    "dose",
    "frequency",
    "start_date",
    "stop_date",
    "note",
    "created_at",
    "edited_at",
]
STEP_FIELDS = ["start_date", "mg_per_intake", "intakes_per_day"]
CHECKIN_FIELDS = ["recorded_at", "severity", "note", "urgent"]


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is not None and not isinstance(value, str | int | float | bool | list | dict):
        return str(value)
    return value


def _row(obj, fields) -> dict:
    return {name: _plain(getattr(obj, name)) for name in fields}


def export_user_data(user) -> dict:
    """Return every record of the user as plain JSON-ready values."""
    profile = Profile.objects.filter(user=user).first()
    courses = (
        Course.objects.filter(owner=user)
        .select_related("drug")
        .prefetch_related("doses", "taper_plan__steps", "checkins__symptoms__drug")
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "account": {"username": user.get_username(), "email": user.email},
        "profile": {
            "time_zone": profile.time_zone if profile else None,
            "dose_times": profile.dose_times if profile else [],
            "email_reminders": profile.email_reminders if profile else False,
        },
        "courses": [_course(c) for c in courses],
        "comedications": [
            {**_row(c, COMED_FIELDS), "drug": c.drug.slug if c.drug_id else None}
            for c in CoMedication.objects.filter(owner=user).select_related("drug")
        ],
    }


def _course(course: Course) -> dict:
    plan = getattr(course, "taper_plan", None)
    return {
        **_row(course, COURSE_FIELDS),
        "drug": course.drug.slug,
        "doses": [_row(d, DOSE_FIELDS) for d in course.doses.all()],
        "taper_plan": None
        if plan is None
        else {
            "from_suggestion": plan.from_suggestion,
            "steps": [_row(s, STEP_FIELDS) for s in plan.steps.all()],
        },
        "checkins": [
            {
                **_row(c, CHECKIN_FIELDS),
                "symptoms": [[s.drug.slug, s.kind, s.text] for s in c.symptoms.all()],
            }
            for c in course.checkins.all()
        ],
    }


def has_data(user) -> bool:
    return (
        Course.objects.filter(owner=user).exists()
        or CoMedication.objects.filter(owner=user).exists()
    )


def import_user_data(user, data) -> None:
    """Load an export into an account that has no courses or co-medications yet: all or nothing.

    Every record is checked by the import forms before anything is written
    (tracker/imports/records.py); the file's ids are never used.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ValidationError("This file is not an export of this app.")
    if has_data(user):
        raise ValidationError("Import only works into an empty account.")
    rows = rows_from_export(user, data)
    try:
        with transaction.atomic():
            # Two imports at once into one account: the second waits here, then finds data.
            Profile.objects.select_for_update().filter(user=user).first()
            if has_data(user):
                raise ValidationError("Import only works into an empty account.")
            rows_save(owner=user, rows=rows)
            data_version.bump(user_id=user.pk)  # doses and steps came by bulk_create: no signal
    except (IntegrityError, DataError) as exc:
        # Only if the checks above missed something the database refuses: a message, not a 500.
        logger.warning("Import refused by the database: %s", exc)
        raise ValidationError(
            "The file holds values this app cannot store; nothing was imported."
        ) from exc


@transaction.atomic
def account_delete(user) -> None:
    """Delete the account, all of its records and their change history; nothing else."""
    course_ids = list(Course.objects.filter(owner=user).values_list("id", flat=True))
    comed_ids = list(CoMedication.objects.filter(owner=user).values_list("id", flat=True))
    checkin_ids = list(CheckIn.objects.filter(owner=user).values_list("id", flat=True))
    plan_ids = list(TaperPlan.objects.filter(course_id__in=course_ids).values_list("id", flat=True))
    ReminderSent.objects.filter(course_id__in=course_ids).delete()
    user.delete()
    # The cascade above writes "deleted" history rows: remove the whole history afterwards.
    Course.history.filter(id__in=course_ids).delete()
    Dose.history.filter(course_id__in=course_ids).delete()
    CoMedication.history.filter(id__in=comed_ids).delete()
    CheckIn.history.filter(id__in=checkin_ids).delete()
    TaperPlan.history.filter(id__in=plan_ids).delete()
    TaperStep.history.filter(plan_id__in=plan_ids).delete()
