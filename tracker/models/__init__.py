"""The user's own data, in modules along the lines the domain draws: the profile, courses with
their doses and taper plans, co-medications, check-ins, reminder claims and share links."""

from tracker.models.checkins import CheckIn, CheckInSeverity, ReminderKind, ReminderSent
from tracker.models.comedications import CoMedication
from tracker.models.courses import (
    PRESCRIPTION_FIELDS,
    Course,
    CourseStatus,
    Dose,
    DoseSchedule,
    TaperPlan,
    TaperStep,
)
from tracker.models.devices import Device
from tracker.models.dose_days import DoseDay
from tracker.models.profiles import Profile
from tracker.models.push import NotificationSettings, PushAction, PushSent, PushSubscription
from tracker.models.sharing import ShareLink, ShareLinkView, ShareScope
from tracker.models.validators import (
    default_time_zone,
    new_calendar_token,
    validate_time_zone,
    validate_within_plan_horizon,
)

__all__ = [
    "PRESCRIPTION_FIELDS",
    "CheckIn",
    "CheckInSeverity",
    "CoMedication",
    "Course",
    "CourseStatus",
    "Device",
    "Dose",
    "DoseDay",
    "DoseSchedule",
    "NotificationSettings",
    "Profile",
    "PushAction",
    "PushSent",
    "PushSubscription",
    "ReminderKind",
    "ReminderSent",
    "ShareLink",
    "ShareLinkView",
    "ShareScope",
    "TaperPlan",
    "TaperStep",
    "default_time_zone",
    "new_calendar_token",
    "validate_time_zone",
    "validate_within_plan_horizon",
]
