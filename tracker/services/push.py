"""Web Push: devices subscribing, notification settings, and sending each due notification once.

`send_due_notifications` is the one entry point the scheduler calls (every minute): each
notification is claimed atomically (PushSent), as e-mail reminders are, so two workers never
send one twice. A push service answering 404 or 410 means the browser dropped the
subscription: the device is removed.

The endpoint is an address a browser gave: it is checked to be public when subscribing and
again at each send (tracker.services.push_endpoints).
"""

import json
import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from pywebpush import WebPushException, webpush

from tracker.models import (
    Course,
    NotificationSettings,
    Profile,
    PushAction,
    PushSent,
    PushSubscription,
)
from tracker.notification_facts import course_plan, preferences_of
from tracker.push_keys import vapid_keys
from tracker.rules.notifications import SNOOZE_WINDOW, DueNotification, Snooze, notifications_due
from tracker.rules.push_input import subscription_errors
from tracker.services.push_actions import action_create, notification_payload
from tracker.services.push_endpoints import PushSession, endpoint_address_error

logger = logging.getLogger(__name__)

MAX_DEVICES = 10
GONE = {404, 410}
# Seconds a push service keeps a notification for an offline device: a dose notice is stale
# after an hour; a test notification is only useful now.
TTL = 3600


def push_subscribe(
    *, user, endpoint: str, p256dh: str, auth: str, label: str = ""
) -> PushSubscription:
    """Save this browser's subscription for the user (the same browser subscribing again, or
    for another account signed in on it, replaces its row)."""
    errors = subscription_errors(
        endpoint=endpoint, p256dh=p256dh, auth=auth, allow_local=settings.PUSH_ALLOW_LOCAL_ENDPOINTS
    )
    if errors:
        raise ValidationError(errors)
    problem = endpoint_address_error(endpoint)
    if problem:
        raise ValidationError({"endpoint": problem})
    with transaction.atomic():
        mine = PushSubscription.objects.filter(owner=user).exclude(endpoint=endpoint)
        if mine.count() >= MAX_DEVICES:
            raise ValidationError(
                f"You have {MAX_DEVICES} devices receiving notifications: remove one first."
            )
        subscription, _ = PushSubscription.objects.update_or_create(
            endpoint=endpoint,
            defaults={"owner": user, "p256dh": p256dh, "auth": auth, "label": label[:120]},
        )
    return subscription


def push_unsubscribe(*, user, endpoint: str) -> bool:
    """Remove the user's subscription at that endpoint; return whether there was one."""
    deleted, _ = PushSubscription.objects.filter(owner=user, endpoint=endpoint).delete()
    return bool(deleted)


def push_device_remove(*, subscription: PushSubscription) -> None:
    subscription.delete()


def notification_settings_update(
    *, user, quiet_start: time | None, quiet_end: time | None, missed_after_minutes: int
) -> NotificationSettings:
    if (quiet_start is None) != (quiet_end is None):
        raise ValidationError("Enter both ends of the quiet hours, or neither.")
    chosen, _ = NotificationSettings.objects.get_or_create(user=user)
    chosen.quiet_start, chosen.quiet_end = quiet_start, quiet_end
    chosen.missed_after_minutes = missed_after_minutes
    chosen.full_clean()
    chosen.save()
    return chosen


def push_send(*, subscription: PushSubscription, payload: dict, ttl: int = TTL) -> bool:
    """Send one encrypted push; return whether the push service accepted it. A subscription
    the push service no longer knows (404/410) is deleted. Nothing is posted to an endpoint
    whose host now resolves inside the network."""
    problem = endpoint_address_error(subscription.endpoint)
    if problem:
        logger.warning("push not sent: endpoint not public", extra={"device": subscription.pk})
        return False
    vapid, _ = vapid_keys()
    try:
        with PushSession() as session:
            webpush(
                subscription.subscription_info(),
                data=json.dumps(payload),
                vapid_private_key=vapid,
                # pywebpush adds "aud" and "exp" to this dict: a fresh one each time.
                vapid_claims={"sub": settings.VAPID_SUBJECT},
                ttl=ttl,
                timeout=10,
                requests_session=session,
            )
    except WebPushException as exc:
        status = getattr(exc.response, "status_code", None)
        if status in GONE:
            subscription.delete()
        else:
            logger.warning("push not delivered", extra={"status": status})
        return False
    except Exception:  # the push service unreachable: a later run retries
        logger.exception("push not delivered")
        return False
    PushSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=timezone.now())
    return True


def push_send_test(*, user) -> int:
    """Send a test notification to each of the user's devices; return how many took it."""
    payload = {
        "title": "Test notification",
        "body": "Notifications work on this device. This app informs; your prescriber decides.",
        "tag": "test",
        "url": "/settings/",
    }
    devices = list(PushSubscription.objects.filter(owner=user))
    return sum(push_send(subscription=d, payload=payload, ttl=60) for d in devices)


def claim(course: Course, notice: DueNotification, for_date, now: datetime) -> PushSent | None:
    """Return the claimed row, or None when another run has already claimed it."""
    key = {"course": course, "kind": notice.kind, "for_date": for_date, "slot": notice.slot}
    try:
        with transaction.atomic():
            row, _ = PushSent.objects.get_or_create(**key)
    except IntegrityError:  # another run created it between our read and write
        row = PushSent.objects.get(**key)
    won = PushSent.objects.filter(pk=row.pk, sent_at__isnull=True).update(sent_at=now) == 1
    return row if won else None


def send_one(course, notice: DueNotification, for_date, devices, now: datetime) -> bool:
    """Claim and send one notification to every device of the owner; release the claim when
    no device took it, so a later run retries while it is still due."""
    row = claim(course, notice, for_date, now)
    if row is None:
        return False
    token = action_create(course=course, notice=notice, now=now) if notice.has_actions else None
    payload = notification_payload(course=course, notice=notice, token=token)
    delivered = sum(push_send(subscription=d, payload=payload) for d in devices)
    if not delivered:
        PushSent.objects.filter(pk=row.pk).update(sent_at=None)
        return False
    return True


def send_due_notifications(now: datetime | None = None) -> int:
    """Send every notification due at `now` to users with a subscribed device; return how many
    went out. Safe to run every minute, twice, or in parallel."""
    now = now or timezone.now()
    # Spent or expired buttons are of no more use once a day has passed (snoozes included).
    PushAction.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    devices: dict[int, list[PushSubscription]] = {}
    for device in PushSubscription.objects.all():
        devices.setdefault(device.owner_id, []).append(device)
    profiles = {p.user_id: p for p in Profile.objects.filter(user_id__in=list(devices))}
    chosen = {s.user_id: s for s in NotificationSettings.objects.filter(user_id__in=list(devices))}
    courses = (
        Course.objects.filter(status="active", owner_id__in=list(devices))
        .select_related("drug", "drug__limits_source", "taper_plan")
        .prefetch_related("taper_plan__steps")
        .annotate(last_dose_at=Max("doses__taken_at"))
    )
    snoozes: dict[int, list[Snooze]] = {}
    pending = PushAction.objects.filter(snoozed_until__gt=now - SNOOZE_WINDOW)
    for action in pending.filter(course__in=courses):
        snoozes.setdefault(action.course_id, []).append(
            Snooze(action.slot, action.snoozed_until, action.dose_at)
        )
    sent = 0
    for course in courses:
        profile = profiles[course.owner_id]
        today = now.astimezone(profile.zone).date()
        due = notifications_due(
            plan=course_plan(course, today, course.last_dose_at),
            prefs=preferences_of(profile, chosen.get(course.owner_id)),
            snoozes=snoozes.get(course.pk, []),
            now=now,
            zone=profile.zone,
        )
        sent += sum(send_one(course, n, today, devices[course.owner_id], now) for n in due)
    return sent
