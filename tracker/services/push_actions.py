"""The Taken and Snooze buttons of a dose notification.

Each dose notification carries its own random token; only its hash is stored. The token is the
only credential the action endpoints take (a notification is answered without the app open):
it works once, for that course's dose, until it expires. The dose it logs gets a form token
derived from it, so a repeated Taken can never log a second dose.

One dose time may have several notices on screen (due, snoozed, missed), each with its own
token: using any of them spends them all, and a Taken for a dose time a logged dose already
covers logs nothing.
"""

import hashlib
import secrets
import uuid
from datetime import UTC, datetime, timedelta, tzinfo

from django.db import transaction
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from tracker.facts import intake_amount
from tracker.models import Course, Dose, Profile, PushAction
from tracker.rules.notifications import EARLY_DOSE, SNOOZE, DueNotification
from tracker.services.doses import dose_log
from tracker.services.results import Saved

ACTION_LIFETIME = timedelta(hours=12)
# Form tokens of doses logged from a notification: uuid5 of the action under this namespace.
DOSE_TOKEN_NAMESPACE = uuid.UUID("4f6c2a43-2f0e-4a53-9a8e-6d1f2a7c9b10")


class ActionUnavailable(Exception):
    """The token is unknown (404), or was used, expired or its course ended (410)."""

    result = "unavailable"

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message, self.status = message, status


class AlreadyLogged(ActionUnavailable):
    """A logged dose already covers the notification's dose time (409)."""

    result = "already"

    def __init__(self, taken_at: datetime, zone: tzinfo):
        local = taken_at.astimezone(zone)
        super().__init__(f"Already logged at {local:%H:%M}: nothing more was logged.", 409)
        self.taken_at = taken_at


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


def notification_tag(*, course: Course, notice: DueNotification) -> str:
    """Return the tag the notice is shown under: one per dose time, so a newer notice of a dose
    (snoozed, missed) replaces the older one on screen instead of adding another Taken."""
    if notice.dose_at is not None:
        # In UTC: a snoozed notice's dose_at comes back from the database in UTC.
        return f"course-{course.pk}-dose-{notice.dose_at.astimezone(UTC):%Y%m%dT%H%MZ}"
    return f"course-{course.pk}-{notice.kind}-{notice.slot}"


def notification_payload(*, course: Course, notice: DueNotification, token: str | None) -> dict:
    """Return what the service worker shows (static/js/sw-push.js): texts, and for a dose
    notice the Taken and Snooze actions with the token they post."""
    payload = {
        "title": notice.title,
        "body": notice.body,
        "tag": notification_tag(course=course, notice=notice),
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
        # Spent by another notice of the same dose time, say: the logged dose is the answer.
        earlier = covering_dose(action)
        if earlier is not None:
            raise AlreadyLogged(earlier.taken_at, _zone(action.course))
        raise ActionUnavailable("This notification was already answered. Open the app.", 410)
    if action.expires_at <= now or not action.course.is_active:
        raise ActionUnavailable("This notification is out of date. Open the app to log.", 410)
    return action


def _use(action: PushAction, now: datetime, **changes) -> None:
    used = PushAction.objects.filter(pk=action.pk, used_at__isnull=True)
    if used.update(used_at=now, **changes) != 1:
        raise ActionUnavailable("This notification was already answered. Open the app.", 410)
    _spend_dose_time(action, now)


def _spend_dose_time(action: PushAction, now: datetime) -> None:
    # The other notices of this dose time carry their own tokens: left live, a second Taken
    # would log a second dose whenever the rules do not stop it.
    siblings = PushAction.objects.filter(
        course_id=action.course_id, dose_at=action.dose_at, used_at__isnull=True
    )
    siblings.update(used_at=now)


def covering_dose(action: PushAction) -> Dose | None:
    """Return the logged dose that already counts for the action's dose time (taken at most
    EARLY_DOSE before it, as the notification rules count it), or None."""
    return (
        Dose.objects.filter(course_id=action.course_id, taken_at__gte=action.dose_at - EARLY_DOSE)
        .order_by("taken_at")
        .first()
    )


def push_action_refuse_if_logged(*, action: PushAction, now: datetime | None = None) -> None:
    """Raise AlreadyLogged, spending every button of the dose time, when a logged dose already
    covers it; return otherwise."""
    dose = covering_dose(action)
    if dose is not None:
        _spend_dose_time(action, now or timezone.now())
        raise AlreadyLogged(dose.taken_at, _zone(action.course))


def _zone(course: Course) -> tzinfo:
    return Profile.objects.get(user_id=course.owner_id).zone


def push_action_taken(*, action: PushAction, now: datetime | None = None) -> Saved[Dose]:
    """Log the notification's dose now, once per dose time; the tokens are spent only if the
    dose is saved. Raise AlreadyLogged when a logged dose already covers the dose time. The
    caller checks the rules first (the dashboard's status), as the log button does."""
    now = now or timezone.now()
    course = action.course
    zone = _zone(course)
    with timezone.override(zone), transaction.atomic():
        # Two Taken of one dose time at once: the lock makes the second see the first's dose.
        list(Course.objects.select_for_update().filter(pk=course.pk).values_list("pk"))
        earlier = covering_dose(action)
        if earlier is None:
            _use(action, now)
            return dose_log(
                course=course,
                taken_at=now,
                amount_mg=intake_amount(course, now.astimezone(zone).date()),
                token=dose_token(action),
                note="Logged from a notification.",
                now=now,
            )
        _spend_dose_time(action, now)
    raise AlreadyLogged(earlier.taken_at, zone)


def push_action_snooze(*, action: PushAction, now: datetime | None = None) -> datetime:
    """Spend the token and remind again in 15 minutes; return when."""
    now = now or timezone.now()
    until = now + SNOOZE
    _use(action, now, snoozed_until=until)
    return until
