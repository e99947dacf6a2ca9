"""The Taken and Snooze buttons of a dose notification.

Each dose notification carries its own random token; only its hash is stored. The token is the
only credential the action endpoints take (a notification is answered without the app open):
it works once, for that course's dose, until it expires. The dose it logs gets a form token
derived from it, so a repeated Taken can never log a second dose.
"""

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from tracker.facts import intake_amount
from tracker.models import Course, Dose, Profile, PushAction
from tracker.rules.notifications import SNOOZE, DueNotification
from tracker.services.doses import dose_log
from tracker.services.results import Saved

ACTION_LIFETIME = timedelta(hours=12)
# Form tokens of doses logged from a notification: uuid5 of the action under this namespace.
DOSE_TOKEN_NAMESPACE = uuid.UUID("4f6c2a43-2f0e-4a53-9a8e-6d1f2a7c9b10")


class ActionUnavailable(Exception):
    """The token is unknown (404), or was used, expired or its course ended (410)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message, self.status = message, status


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def dose_token(action: PushAction) -> uuid.UUID:
    """Return the form token of the dose this action logs: the same for every retry."""
    return uuid.uuid5(DOSE_TOKEN_NAMESPACE, action.token_hash)


def action_create(*, course: Course, notice: DueNotification, now: datetime) -> str:
    """Store a new action for a dose notification; return its token (shown once, in the push)."""
    token = secrets.token_urlsafe(32)
    PushAction.objects.create(
        course=course,
        token_hash=token_hash(token),
        slot=notice.slot[:5],
        dose_at=notice.dose_at,
        expires_at=now + ACTION_LIFETIME,
    )
    return token


def notification_payload(*, course: Course, notice: DueNotification, token: str | None) -> dict:
    """Return what the service worker shows (static/js/sw-push.js): texts, and for a dose
    notice the Taken and Snooze actions with the token they post."""
    payload = {
        "title": notice.title,
        "body": notice.body,
        "tag": f"course-{course.pk}-{notice.kind}-{notice.slot}",
        "url": reverse("dashboard"),
        "icon": static("icons/icon-192.png"),
    }
    if token is not None:
        payload["actions"] = [
            {"action": "taken", "title": "Taken"},
            {"action": "snooze", "title": "Snooze 15 min"},
        ]
        payload["token"] = token
        payload["taken_url"] = reverse("push_action_taken")
        payload["snooze_url"] = reverse("push_action_snooze")
    return payload


def action_for_token(token: str, now: datetime) -> PushAction:
    """Return the usable action behind a token; raise ActionUnavailable otherwise."""
    action = (
        PushAction.objects.select_related("course__drug__limits_source", "course__taper_plan")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if action is None:
        raise ActionUnavailable("This notification's button is not valid. Open the app.", 404)
    if action.used_at is not None:
        raise ActionUnavailable("This notification was already answered. Open the app.", 410)
    if action.expires_at <= now or not action.course.is_active:
        raise ActionUnavailable("This notification is out of date. Open the app to log.", 410)
    return action


def _use(action: PushAction, now: datetime, **changes) -> None:
    used = PushAction.objects.filter(pk=action.pk, used_at__isnull=True)
    if used.update(used_at=now, **changes) != 1:
        raise ActionUnavailable("This notification was already answered. Open the app.", 410)


def push_action_taken(*, action: PushAction, now: datetime | None = None) -> Saved[Dose]:
    """Log the notification's dose now, once; the token is spent only if the dose is saved.
    The caller checks the rules first (the dashboard's status), as the log button does."""
    now = now or timezone.now()
    course = action.course
    zone = Profile.objects.get(user_id=course.owner_id).zone
    with timezone.override(zone), transaction.atomic():
        _use(action, now)
        return dose_log(
            course=course,
            taken_at=now,
            amount_mg=intake_amount(course, now.astimezone(zone).date()),
            token=dose_token(action),
            note="Logged from a notification.",
            now=now,
        )


def push_action_snooze(*, action: PushAction, now: datetime | None = None) -> datetime:
    """Spend the token and remind again in 15 minutes; return when."""
    now = now or timezone.now()
    until = now + SNOOZE
    _use(action, now, snoozed_until=until)
    return until
