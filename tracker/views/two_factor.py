"""Two-factor sign-in: the code step after the password, turning it on and off, recovery
codes. The redirect to the code step is TwoFactorMiddleware's."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from tracker.forms.two_factor import CodeForm, ConfirmAppForm, DisableForm
from tracker.pages.two_factor import pending_setup, two_factor_status
from tracker.reauth import recent_password_required
from tracker.rules.two_factor import CodeKind, code_kind, normalise_code
from tracker.security_log import log_event
from tracker.services import devices, two_factor
from tracker.two_factor_session import (
    code_failed,
    code_step_is_locked,
    locked_out,
    mark_off,
    mark_verified,
    two_factor_on,
)

NEW_CODES = "two_factor_new_codes"  # shown once, by the page after they are made


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else reverse("dashboard")


def two_factor_verify(request):
    user, next_url = request.user, _next_url(request)
    # Read again: another session may have turned it off since this one logged in.
    if not two_factor_on(request, recheck=True) or user.is_verified():
        return redirect(next_url)
    if code_step_is_locked(request, user):
        return locked_out(request, user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.two_factor_check(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            if error.code == "wrong" and code_failed(request, user):
                return locked_out(request, user)
            form.add_error("code", error)
        else:
            mark_verified(request, device)
            if isinstance(device, StaticDevice):
                _say_codes_left(request, device.token_set.count())
            return redirect(next_url)
    return render(request, "tracker/two_factor/verify.html", {"form": form, "next": next_url})


def _say_codes_left(request, left: int) -> None:
    if left == 0:
        messages.warning(
            request, "That was your last recovery code: make new ones in Settings now."
        )
    else:
        messages.warning(
            request, f"Recovery code used; it will not work again. {left} left in Settings."
        )


# Setting it up asks for the password again: someone at an unlocked, signed-in device could
# otherwise enrol their own app and lock the owner out. (Turning it off needs a code or the
# password on its own form.)
@require_POST
@recent_password_required(return_to="settings")
def two_factor_start(request):
    try:
        two_factor.two_factor_start(user=request.user)
    except ValidationError as error:
        messages.info(request, error.messages[0])
        return redirect("settings")
    return redirect("two_factor_setup")


@recent_password_required(return_to="settings")
def two_factor_setup(request):
    user = request.user
    if two_factor_status(user).enabled:
        messages.info(request, "Two-factor sign-in is already on.")
        return redirect("settings")
    pending = pending_setup(user)
    form = ConfirmAppForm(request.POST or None)
    if request.method == "POST" and pending is not None and form.is_valid():
        try:
            device, codes = two_factor.two_factor_confirm(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            mark_verified(request, device)
            _sign_out_other_sessions(request)
            request.session[NEW_CODES] = codes
            return redirect("two_factor_recovery_codes")
    context = {
        "pending": pending,
        "form": form,
        "staff_required": user.is_staff and settings.OTP_REQUIRED_FOR_STAFF,
    }
    return render(request, "tracker/two_factor/setup.html", context)


def _sign_out_other_sessions(request) -> None:
    """End the account's other sessions, trusted ones included: they passed no code, and would
    otherwise stay open without one for up to TRUSTED_DEVICE_DAYS."""
    user = request.user
    ended = devices.devices_sign_out_all(user=user, keep_session_key=request.session.session_key)
    log_event("two_factor_other_sessions_ended", user_id=user.pk, sessions_ended=ended)
    messages.info(
        request,
        "Two-factor sign-in is on. Any other device signed in to your account is signed out: "
        "sign in there again with your password and a code.",
    )


def two_factor_recovery_codes(request):
    codes = request.session.pop(NEW_CODES, None)
    if codes is None:
        messages.info(
            request,
            "Recovery codes are shown once, when they are made. "
            "If you have lost yours, make new ones.",
        )
        return redirect("settings")
    return render(request, "tracker/two_factor/recovery_codes.html", {"codes": codes})


def two_factor_recovery_codes_new(request):
    user = request.user
    if not two_factor_status(user).enabled:
        return redirect("settings")
    form = ConfirmAppForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.two_factor_check(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            if error.code == "wrong" and code_failed(request, user):
                return locked_out(request, user)
            form.add_error("code", error)
        else:
            request.session[NEW_CODES] = two_factor.recovery_codes_replace(user=user)
            return redirect("two_factor_recovery_codes")
    return render(request, "tracker/two_factor/recovery_codes_new.html", {"form": form})


def two_factor_disable(request):
    user = request.user
    if not two_factor_status(user).enabled:
        return redirect("settings")
    staff_required = user.is_staff and settings.OTP_REQUIRED_FOR_STAFF
    form = DisableForm(request.POST or None)
    if request.method == "POST" and not staff_required and form.is_valid():
        proof = form.cleaned_data["proof"]
        if user.check_password(proof) or _code_accepted(request, form, proof):
            two_factor.two_factor_disable(user=user)
            mark_off(request)
            messages.success(
                request, "Two-factor sign-in is off: your password alone now signs you in."
            )
            return redirect("settings")
        if code_failed(request, user):
            return locked_out(request, user)
        if not form.errors:
            form.add_error("proof", "That is neither a code from your app nor your password.")
    context = {"form": form, "staff_required": staff_required}
    return render(request, "tracker/two_factor/disable.html", context)


def _code_accepted(request, form, proof: str) -> bool:
    """Return True if the proof is a code one of the user's devices accepts; a throttled device
    says so on the form."""
    code = normalise_code(proof)
    if code_kind(code) == CodeKind.INVALID:
        return False
    try:
        two_factor.two_factor_check(user=request.user, code=code)
    except ValidationError as error:
        if error.code == "throttled":
            form.add_error("proof", error)
        return False
    return True
