"""The user's profile: time zone, dose times, reminders, and the data version."""

import zoneinfo

from django.conf import settings
from django.db import models

from tracker.models.validators import default_time_zone, validate_time_zone
from tracker.querysets import (
    ProfileQuerySet,
)


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    time_zone = models.CharField(
        max_length=64, default=default_time_zone, validators=[validate_time_zone]
    )
    # Usual local dose times ("08:00"), used to place planned doses in the calendar feed.
    dose_times = models.JSONField(default=list, blank=True)
    email_reminders = models.BooleanField(default=False)
    # Off until the user creates a feed URL; revoking sets it back to None.
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # Moves on every change to the user's courses, doses, co-medications, taper plans and
    # check-ins; cached pages are keyed by it (tracker/data_version.py).
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    # The time zone the per-day dose totals are kept in (tracker/models/dose_days.py): moved
    # only by their rebuild, never by a settings save.
    dose_days_zone = models.CharField(max_length=64, blank=True, editable=False)

    objects = ProfileQuerySet.as_manager()

    def __str__(self):
        return f"Profile of {self.user}"

    def save(self, *args, **kwargs):
        # Only F() updates move data_version: a settings save holding a copy read before a
        # concurrent change must not move it back, or a stale cached page would come back.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in ("data_version", "dose_days_zone")
            ]
        super().save(*args, **kwargs)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)
