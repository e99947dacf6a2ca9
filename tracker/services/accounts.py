"""Accounts: creating one with its profile, settings, the calendar feed token, deleting one."""

from django.contrib.auth import get_user_model
from django.db import transaction

from tracker import data_version
from tracker.models import (
    CheckIn,
    CoMedication,
    Course,
    Dose,
    Profile,
    ReminderSent,
    TaperPlan,
    TaperStep,
    new_calendar_token,
)
from tracker.services.dose_days import rebuild_dose_days


@transaction.atomic
def account_create(*, username: str, password: str, email: str = "", time_zone: str):
    """Create a patient account and its profile together: no account is ever without one."""
    user = get_user_model().objects.create_user(username=username, email=email, password=password)
    Profile.objects.create(user=user, time_zone=time_zone, dose_days_zone=time_zone)
    return user


@transaction.atomic
def profile_update(
    *, profile: Profile, time_zone: str, dose_times: list[str], email_reminders: bool, email: str
) -> Profile:
    """Save the settings page: the profile's fields and the account's e-mail address."""
    profile.time_zone, profile.dose_times = time_zone, dose_times
    profile.email_reminders = email_reminders
    profile.full_clean()
    profile.save(update_fields=["time_zone", "dose_times", "email_reminders"])
    kept_in = Profile.objects.filter(pk=profile.pk).values_list("dose_days_zone", flat=True)[0]
    if kept_in != time_zone:  # the per-day dose totals follow the days of the new zone
        rebuild_dose_days(user_id=profile.user_id, zone_name=time_zone)
    user = profile.user
    user.email = email
    user.save(update_fields=["email"])
    data_version.bump(user_id=user.pk)
    return profile


def calendar_token_new(*, user) -> str:
    """Give the user a new private feed token; any older feed URL stops working."""
    token = new_calendar_token()
    Profile.objects.filter(user=user).update(calendar_token=token)
    return token


def calendar_token_revoke(*, user) -> None:
    Profile.objects.filter(user=user).update(calendar_token=None)


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the account, all of its records and their change history; nothing else.
    The history is found by owner, not from the rows still there: a co-medication, check-in or
    taper plan deleted earlier left history rows that name it."""
    user_id = user.pk
    # Rows written without history (bulk imports) are found among the rows still there.
    course_ids = set(Course.objects.filter(owner=user).values_list("id", flat=True))
    plan_ids = set(TaperPlan.objects.filter(course_id__in=course_ids).values_list("id", flat=True))
    ReminderSent.objects.filter(course_id__in=course_ids).delete()
    user.delete()
    # The cascade above writes "deleted" history rows: remove the whole history afterwards.
    course_ids |= set(Course.history.filter(owner_id=user_id).values_list("id", flat=True))
    plan_ids |= set(TaperPlan.history.filter(course_id__in=course_ids).values_list("id", flat=True))
    Course.history.filter(owner_id=user_id).delete()
    Dose.history.filter(course_id__in=course_ids).delete()
    CoMedication.history.filter(owner_id=user_id).delete()
    CheckIn.history.filter(owner_id=user_id).delete()
    TaperPlan.history.filter(id__in=plan_ids).delete()
    TaperStep.history.filter(plan_id__in=plan_ids).delete()
