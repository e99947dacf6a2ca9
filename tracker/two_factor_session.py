"""Two-factor state of a signed-in session, and the lockout shared with django-axes.

Whether the account has two-factor sign-in is kept in the session at log-in, so pages need no
query for it; this session's own changes (turning it on or off) update it. Other sessions
learn of a change at their next log-in.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.middleware.csrf import rotate_token
from django.shortcuts import render
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tracker.rules.two_factor import code_step_locked
from tracker.security_log import log_event

TWO_FACTOR_ON = "two_factor_on"


def _has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[TWO_FACTOR_ON] = _has_app(user)


def two_factor_on(request, *, recheck: bool = False) -> bool:
    """Return whether the signed-in account has two-factor sign-in, as noted in the session
    (sessions older than this feature learn it once), or read again with `recheck`."""
    if recheck or TWO_FACTOR_ON not in request.session:
        on = _has_app(request.user)
        if request.session.get(TWO_FACTOR_ON) != on:  # a read writes only what changed
            request.session[TWO_FACTOR_ON] = on
        return on
    return request.session[TWO_FACTOR_ON]


def mark_verified(request, device) -> None:
    """Record that this session passed the code step, under a new session key: the key an
    attacker may have seen before the second factor is worth nothing after it."""
    request.session.cycle_key()
    rotate_token(request)
    request.session[TWO_FACTOR_ON] = True
    otp_login(request, device)


def mark_off(request) -> None:
    request.session[TWO_FACTOR_ON] = False
    request.session.pop(DEVICE_ID_SESSION_KEY, None)


def _credentials(user) -> dict:
    return {"username": user.get_username()}


def code_step_is_locked(request, user) -> bool:
    """Return True while django-axes locks this username at this address, or while wrong codes
    in a row on the user's devices reach the failure limit (code_step_locked)."""
    if not AxesProxyHandler.is_allowed(request, _credentials(user)):
        return True
    return wrong_codes_locked(user)


def wrong_codes_locked(user) -> bool:
    """Return True while wrong codes in a row on the user's devices reach the failure limit:
    a lock on the account, from every address."""
    failures, last = 0, None
    for model in (TOTPDevice, StaticDevice):
        row = model.objects.filter(user=user).aggregate(
            count=Sum("throttling_failure_count"), last=Max("throttling_failure_timestamp")
        )
        failures += row["count"] or 0
        last = max(filter(None, [last, row["last"]]), default=None)
    return code_step_locked(
        failures=failures,
        last_failure=last,
        now=timezone.now(),
        limit=settings.AXES_FAILURE_LIMIT,
        cooloff=settings.AXES_COOLOFF_TIME,
    )


def code_failed(request, user) -> bool:
    """Count a wrong code as a failed log-in for this username, as a wrong password is; return
    True when that locks the user out."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    log_event("two_factor_failure", user_id=user.pk)
    return bool(getattr(request, "axes_locked_out", False)) or code_step_is_locked(request, user)


def locked_out(request, user):
    """End the session and answer with the lockout page: a locked-out user cannot go on to the
    code step, and must log in again after the cool-off."""
    # Wrong codes first: each also counts as a failed log-in at this address, so both locks
    # close together, and the account's is the one a new address or password does not lift.
    setattr(request, WRONG_CODES_LOCK, wrong_codes_locked(user))
    logout(request)
    return lockout_response(request)


# Set on a request whose lockout is the account's count of wrong codes.
WRONG_CODES_LOCK = "wrong_codes_lock"


def lockout_response(request, original_response=None, credentials=None):
    """Return the lockout page (AXES_LOCKOUT_CALLABLE: django-axes answers every lockout with
    it, its middleware included). It says which lock holds: the account's own count of wrong
    codes in a row, which holds from every address, or else django-axes' for this username at
    this address (wrong passwords)."""
    context = {
        "wrong_codes": getattr(request, WRONG_CODES_LOCK, False),
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_timedelta": get_cool_off(request),
    }
    return render(
        request, settings.AXES_LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
