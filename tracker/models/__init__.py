"""The user's own data, in modules along the lines the domain draws: the profile, courses with
their doses and taper plans, co-medications, check-ins and reminder claims."""

from tracker.models.checkins import CheckIn, CheckInSeverity, ReminderKind, ReminderSent
from tracker.models.comedications import CoMedication
from tracker.models.courses import (
    PRESCRIPTION_FIELDS,
    Course,
    CourseStatus,
    Dose,
    TaperPlan,
    TaperStep,
)
from tracker.models.profiles import Profile
from tracker.models.push import NotificationSettings, PushAction, PushSent, PushSubscription
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
    "Dose",
    "NotificationSettings",
    "Profile",
    "PushAction",
    "PushSent",
    "PushSubscription",
    "ReminderKind",
    "ReminderSent",
    "TaperPlan",
    "TaperStep",
    "default_time_zone",
    "new_calendar_token",
    "validate_time_zone",
    "validate_within_plan_horizon",
]
