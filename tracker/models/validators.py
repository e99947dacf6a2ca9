"""Validators and defaults the user's models share; migrations name some of them."""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from tracker.rules.bounds import (
    EARLIEST_DATE,
    MAX_AMOUNT_MG,
    latest_plan_date,
)


def default_time_zone() -> str:
    return settings.TIME_ZONE


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError("Choose a time zone from the list, such as Europe/Paris.")


def validate_within_plan_horizon(value) -> None:
    if value > latest_plan_date(timezone.localdate()):
        raise ValidationError("Enter a date at most a year from today.")


FROM_2000 = MinValueValidator(EARLIEST_DATE, message="Enter a date from 1 January 2000 on.")
AT_MOST_MAX_MG = MaxValueValidator(
    MAX_AMOUNT_MG, message=f"Enter at most {MAX_AMOUNT_MG:,} mg; check the amount is in mg."
)


COURSE_NOTES_MAX = 10_000


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)
