"""Web Push: the patient's devices, their notification preferences, the claims that send each
notification once, and the single-use tokens behind a notification's Taken and Snooze."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from tracker.models.courses import Course


class PushSubscription(models.Model):
    """One browser on one device that receives the patient's notifications."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    # The push service's address for this browser: a secret capability, unique to it.
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=50)
    label = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.label or f"Device added {self.created_at:%Y-%m-%d}"

    def subscription_info(self) -> dict:
        """Return the subscription as pywebpush takes it."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class NotificationSettings(models.Model):
    """When notifications stay silent, and when an unlogged dose counts as missed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    quiet_start = models.TimeField("quiet from", null=True, blank=True)
    quiet_end = models.TimeField("quiet until", null=True, blank=True)
    missed_after_minutes = models.PositiveSmallIntegerField(
        "missed after (minutes)",
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(240)],
        help_text="How long after a dose time, with no dose logged, to send a missed-dose notice.",
    )

    def __str__(self):
        return f"Notification settings of {self.user}"


class PushSent(models.Model):
    """A claim on one notification: the unique row and its sent_at make it go out once."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="push_claims")
    kind = models.CharField(max_length=16)
    for_date = models.DateField()
    slot = models.CharField(max_length=40, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course", "kind", "for_date", "slot"], name="one_push_per_kind_day_slot"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.slot} on {self.for_date}"


class PushAction(models.Model):
    """The token a dose notification carries: it can log that dose, or snooze it, once."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="push_actions")
    # Only a hash is kept: a database leak does not give working tokens.
    token_hash = models.CharField(max_length=64, unique=True)
    slot = models.CharField(max_length=5)  # the local dose time, "08:00"
    dose_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    snoozed_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        indexes = [models.Index(fields=["course", "snoozed_until"], name="push_action_snoozes")]

    def __str__(self):
        return f"Action for the {self.slot} dose of {self.dose_at:%Y-%m-%d}"
