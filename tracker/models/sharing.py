"""Read-only share links of one course, for a prescriber or caregiver, and each time one opened.

The link's token is never stored: only its SHA-256, so a copy of the database opens no link.
"""

import uuid

from django.db import models
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from tracker.models.courses import Course
from tracker.rules.sharing import DISPLAY_NAME_MAX, LinkStatus, link_status


class ShareScope(models.TextChoices):
    SUMMARY = "summary", "Summary only"
    FULL = "full", "Summary with every dose and check-in"


class ShareLinkQuerySet(models.QuerySet):
    def for_owner(self, user):
        """Return the links of the user's courses."""
        return self.filter(course__owner=user)

    def with_opens(self):
        """Return the links with how many times each was opened, and when last."""
        return self.annotate(open_count=Count("opens"), last_opened_at=Max("opens__viewed_at"))


class ShareLink(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="share_links")
    # SHA-256 of the token, in hex; the token itself is shown once and never kept.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(max_length=10, choices=ShareScope.choices)
    # The only name the shared page shows; empty means "the patient".
    display_name = models.CharField(max_length=DISPLAY_NAME_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    # One per rendered form: a resubmitted form (a reload of the page that showed the address)
    # cannot make a second link.
    form_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="share_link_expires_after_creation",
                violation_error_message="A share link expires after it is created.",
            ),
            models.CheckConstraint(
                condition=Q(scope__in=ShareScope.values),
                name="share_link_scope_known",
                violation_error_message="Choose what the link shows.",
            ),
        ]

    def __str__(self):
        return f"Share link of {self.course} until {self.expires_at:%Y-%m-%d}"

    def status(self, now=None) -> LinkStatus:
        """Return whether the link opens now: active, expired or revoked."""
        return link_status(
            expires_at=self.expires_at, revoked_at=self.revoked_at, now=now or timezone.now()
        )

    @property
    def shows_doses(self) -> bool:
        return self.scope == ShareScope.FULL


class ShareLinkView(models.Model):
    """One opening of a share link: when, and nothing about who (see docs/security.md)."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="opens")
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-viewed_at", "-id"]
        indexes = [models.Index(fields=["link", "-viewed_at"], name="share_view_link_when")]

    def __str__(self):
        return f"Opened {self.viewed_at:%Y-%m-%d %H:%M}"
