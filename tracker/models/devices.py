"""The browsers a user is signed in on: one row per signed-in session, so each can be ended."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class DeviceQuerySet(models.QuerySet):
    def signed_in_for(self, user):
        """Return the user's devices whose session has not expired, most recently seen first."""
        return (
            self.filter(user=user, session__expire_date__gt=timezone.now())
            .select_related("session")
            .order_by("-last_seen_at", "-pk")
        )


class Device(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="devices"
    )
    # The session itself, so ending it by any path (sign-out, expiry, `clearsessions`, a new
    # session key) removes the row with it, and signing a device out is deleting its session.
    # The key is already stored in the session table: keeping it here exposes nothing more.
    session = models.OneToOneField(
        "sessions.Session", on_delete=models.CASCADE, related_name="device"
    )
    # A short description read from the User-Agent ("Chrome on Android"); never the header.
    label = models.CharField(max_length=80)
    # Chosen at log-in: no idle timeout, and a fixed end TRUSTED_DEVICE_DAYS later.
    trusted = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # Moved at most every DEVICE_SEEN_REFRESH_SECONDS (tracker/device_sessions.py).
    last_seen_at = models.DateTimeField(default=timezone.now)

    objects = DeviceQuerySet.as_manager()

    def __str__(self):
        return f"{self.label} of {self.user}"
