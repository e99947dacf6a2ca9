"""Two-factor sign-in: turning it on (an authenticator app, then recovery codes), checking a
code at sign-in, turning it off. Devices are django-otp's, each bound to its user."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tracker.rules.two_factor import RECOVERY_CODE_COUNT, CodeKind, code_kind
from tracker.security_log import log_event

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def _wrong_code(message: str) -> ValidationError:
    return ValidationError(message, code="wrong")


@transaction.atomic
def two_factor_start(*, user) -> TOTPDevice:
    """Create a new unconfirmed app device with a fresh secret, replacing any earlier one that
    was never confirmed (its secret may have been seen on a screen)."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError("Two-factor sign-in is already on.")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def two_factor_confirm(*, user, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending app device with a code it made; return it and new recovery codes.

    The code is verified in its own transaction, so a wrong one still counts towards the
    device's throttling when this raises.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise ValidationError("Start the set-up again: no authenticator app is waiting.")
    if code_kind(code) != CodeKind.APP or not _check(user, device, code):
        raise _wrong_code(
            "That code does not match. Type the 6 digits your app shows now; if it keeps "
            "failing, check that your phone sets its clock automatically."
        )
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = recovery_codes_replace(user=user)
    log_event("two_factor_enabled", user_id=user.pk)
    return device, codes


@transaction.atomic
def recovery_codes_replace(*, user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones; return them, as
    they are shown once only."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes: set[str] = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return sorted(codes)


def two_factor_check(*, user, code: str) -> Device:
    """Return the confirmed device that accepts this code (a recovery code is used up).

    Raises ValidationError with code "throttled" while django-otp makes the device wait after
    wrong codes (nothing is tried), or "wrong".
    """
    kind = code_kind(code)
    model = {CodeKind.APP: TOTPDevice, CodeKind.RECOVERY: StaticDevice}.get(kind)
    device = model.objects.filter(user=user, confirmed=True).first() if model else None
    if device is None:
        raise _wrong_code("That code is not right. Type the 6 digits your app shows now.")
    allowed, details = device.verify_is_allowed()
    if not allowed:
        wait = (details or {}).get("locked_until")
        seconds = max(1, math.ceil((wait - timezone.now()).total_seconds())) if wait else 1
        unit = "second" if seconds == 1 else "seconds"
        raise ValidationError(
            f"Wait {seconds} {unit} before the next code: after a wrong code, each try waits "
            "a little longer.",
            code="throttled",
        )
    if not _check(user, device, code):
        if kind == CodeKind.RECOVERY:
            raise _wrong_code("That recovery code is not right, or it was used already.")
        raise _wrong_code("That code is not right. Type the 6 digits your app shows now.")
    # A success ends every run of wrong codes, on the other device too.
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )
    if kind == CodeKind.RECOVERY:
        log_event("two_factor_recovery_code_used", user_id=user.pk)
    return device


@transaction.atomic
def two_factor_disable(*, user) -> None:
    """Remove the user's app and recovery codes. Staff accounts must keep them where
    OTP_REQUIRED_FOR_STAFF is on."""
    if user.is_staff and settings.OTP_REQUIRED_FOR_STAFF:
        raise ValidationError("Staff accounts must keep two-factor sign-in on.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    log_event("two_factor_disabled", user_id=user.pk)


def _check(user, device: Device, code: str) -> bool:
    """Verify a code against one device, locked for the check, so two requests cannot both use
    it; django-otp counts a wrong one towards the device's throttling."""
    return verify_token(user, device.persistent_id, code) is not None
