"""All of a user's data as one JSON file, which `services.imports` takes back.

Reference rows are named by natural keys (drug slug; symptom as drug slug, kind and text), so an
export imports into a fresh install of the same reference data with nothing lost.
"""

from datetime import date, datetime
from decimal import Decimal

from tracker.models import (
    PRESCRIPTION_FIELDS,
    CoMedication,
    Course,
    NotificationSettings,
    Profile,
    PushSubscription,
)

FORMAT = "course-tracker-export"
VERSION = 1
COURSE_FIELDS = [
    *PRESCRIPTION_FIELDS,
    "status",
    "end_date",
    "notes",
    "safety_checklist_shown_at",
    "safety_items_confirmed",
    "prescription_warnings",
    "prescription_confirmed_at",
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
STEP_FIELDS = ["start_date", "mg_per_intake", "intakes_per_day", "every_days"]
CHECKIN_FIELDS = ["recorded_at", "severity", "note", "urgent"]
NOTIFICATION_FIELDS = ["quiet_start", "quiet_end", "missed_after_minutes"]
# A device is listed by what the patient sees of it in Settings. Its push address and keys
# are that browser's own and let anyone holding them send to it: never written to a file.
DEVICE_FIELDS = ["label", "created_at", "last_sent_at"]


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
    profile = Profile.objects.get(user=user)
    notifications = NotificationSettings.objects.filter(user=user).first()
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
            "time_zone": profile.time_zone,
            "dose_times": profile.dose_times,
            "email_reminders": profile.email_reminders,
        },
        "notifications": notifications and _row(notifications, NOTIFICATION_FIELDS),
        "devices": [_row(d, DEVICE_FIELDS) for d in PushSubscription.objects.filter(owner=user)],
        "courses": [_course(c) for c in courses],
        "comedications": [
            {**_row(c, COMED_FIELDS), "drug": _single_ingredient(c)}
            for c in CoMedication.objects.filter(owner=user).prefetch_related("ingredients")
        ],
    }


def _single_ingredient(comed: CoMedication) -> str | None:
    """Return the slug of the one drug the name stands for (informative: an import looks the
    name up again)."""
    ingredients = comed.ingredient_list()
    return ingredients[0].slug if comed.checked and len(ingredients) == 1 else None


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
