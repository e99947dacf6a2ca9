"""Log-in with "keep me signed in", confirming the password before a sensitive action, and
signing devices out (tracker/device_sessions.py, tracker/reauth.py)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from tracker.device_sessions import track_device, trust_this_device
from tracker.forms.devices import PasswordConfirmForm, TrustedLoginForm
from tracker.reauth import mark_password_confirmed, recent_password_required, safe_next
from tracker.security_log import client_ip, log_event
from tracker.services import devices
from tracker.views.owned import device_for_user

TURN_ON_AGAIN = "turn them on again in Settings on each device that should get them."
NOTIFICATIONS_OFF = f"Notifications are off on every device: {TURN_ON_AGAIN}"


class LoginView(auth_views.LoginView):
    authentication_form = TrustedLoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.cleaned_data.get("trust_device"):
            trust_this_device(self.request)
        return response


@method_decorator(recent_password_required, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, behind a recent password, signing out every other session:
    Django's own only invalidates them at their next request, and keeps their device rows.
    Notifications stop everywhere too, as the password may have been changed because a phone
    was lost, and a notification's buttons need no session."""

    def form_valid(self, form):
        response = super().form_valid(form)  # the session gets a new key here
        request = self.request
        signed_out = devices.devices_sign_out_all(
            user=request.user, keep_session_key=request.session.session_key
        )
        push_devices = devices.push_devices_forget(user=request.user, now=timezone.now())
        track_device(request, request.user, time.time())
        mark_password_confirmed(request.session)
        log_event(
            "password_changed",
            user_id=request.user.pk,
            other_sessions_ended=signed_out,
            push_devices_removed=push_devices,
        )
        signed_out_text = "Any other device signed in to your account is signed out."
        if push_devices:
            signed_out_text += (
                f" For safety, notifications are off on every device, this one included: "
                f"{TURN_ON_AGAIN}"
            )
        messages.info(request, signed_out_text)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset by e-mailed link, signing out every session of the account: whoever
    forgot the password is not the only one who may have had it. Notifications stop on every
    device for the same reason."""

    def form_valid(self, form):
        response = super().form_valid(form)
        devices.devices_sign_out_all(user=form.user)
        if devices.push_devices_forget(user=form.user, now=timezone.now()):
            messages.info(self.request, NOTIFICATIONS_OFF)
        return response


def password_confirm(request):
    next_path = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = PasswordConfirmForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        mark_password_confirmed(request.session)
        log_event("password_confirmed", user_id=request.user.pk, ip=client_ip(request))
        return redirect(next_path)
    context = {"form": form, "next": next_path, "reauth_minutes": settings.REAUTH_MINUTES}
    return render(request, "registration/password_confirm.html", context)


@require_POST
def device_sign_out(request, pk):
    device = device_for_user(request.user, pk)
    this_one = device.session_id == request.session.session_key
    devices.device_sign_out(device=device)
    log_event("device_signed_out", user_id=request.user.pk, device=device.label)
    if this_one:
        logout(request)
        messages.success(request, "This device is signed out.")
        return redirect("login")
    messages.success(request, f"{device.label} is signed out.")
    return redirect("settings")


@require_POST
def devices_sign_out_everywhere(request):
    user = request.user
    count = devices.devices_sign_out_all(user=user)
    push_devices = devices.push_devices_forget(user=user, now=timezone.now())
    logout(request)
    log_event(
        "signed_out_everywhere",
        user_id=user.pk,
        sessions_ended=count,
        push_devices_removed=push_devices,
    )
    messages.success(request, "You are signed out on every device, this one included.")
    if push_devices:
        messages.info(request, NOTIFICATIONS_OFF)
    return redirect("login")
