"""Devices: keeping a row per signed-in session, signing sessions out, and ending what a
device can still do signed out (its notifications and their buttons)."""

from datetime import datetime

from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction

from tracker.models import Device, PushAction, PushSubscription
from tracker.rules.user_agent import device_label


def device_register(
    *,
    user,
    session_key: str,
    user_agent: str,
    trusted: bool,
    signed_in_at: datetime,
    seen_at: datetime,
) -> Device | None:
    """Record the session as one of the user's devices, or update its row if it has one."""
    fields = {
        "user": user,
        "label": device_label(user_agent),
        "trusted": trusted,
        "last_seen_at": seen_at,
    }
    try:
        with transaction.atomic():
            device, _ = Device.objects.update_or_create(
                session_id=session_key,
                defaults=fields,
                create_defaults={**fields, "created_at": signed_in_at},
            )
    except IntegrityError:
        return None  # the session was signed out from another device meanwhile
    return device


def device_seen(*, session_key: str, at: datetime) -> None:
    Device.objects.filter(session_id=session_key).update(last_seen_at=at)


def device_sign_out(*, device: Device) -> None:
    """End the device's session; its row goes with it."""
    Session.objects.filter(session_key=device.session_id).delete()


@transaction.atomic
def devices_sign_out_all(*, user, keep_session_key: str | None = None) -> int:
    """End every session of the user but the one kept, trusted or not; return how many."""
    sessions = Session.objects.filter(device__user=user)
    if keep_session_key is not None:
        sessions = sessions.exclude(session_key=keep_session_key)
    # Deleting the session rows deletes the device rows with them (CASCADE).
    _, deleted = sessions.delete()
    return deleted.get("sessions.Session", 0)


@transaction.atomic
def push_devices_forget(*, user, now: datetime) -> int:
    """Stop every notification of the user and spend their unused Taken/Snooze tokens; return
    how many devices received notifications.

    A subscription is not tied to a session, and a notification's token is the only credential
    its buttons need: without this a signed-out (lost) phone would go on showing dose notices
    and logging doses."""
    PushAction.objects.filter(course__owner=user, used_at__isnull=True).update(used_at=now)
    _, deleted = PushSubscription.objects.filter(owner=user).delete()
    return deleted.get("tracker.PushSubscription", 0)
