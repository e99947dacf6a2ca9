"""The settings page's notification section: this device on and off, the devices, a test,
quiet hours. Subscribing posts JSON from static/js/push-settings.js (with the CSRF header)."""

import json
import logging

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tracker.forms.push import NotificationSettingsForm, PushSubscriptionForm
from tracker.models import NotificationSettings, Profile, PushSubscription
from tracker.push_keys import public_key
from tracker.reauth import recent_password_required
from tracker.rules.user_agent import device_label
from tracker.security_log import log_event
from tracker.services import push

logger = logging.getLogger(__name__)


def _settings_of(user) -> NotificationSettings:
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)


def _public_key_or_none() -> str | None:
    """Return the VAPID public key; None (logged) when the server cannot read or create it,
    so the settings page still opens and says notifications are unavailable."""
    try:
        return public_key()
    except (OSError, ValueError, ImproperlyConfigured):
        logger.exception("VAPID key unavailable: push notifications are off")
        return None


def push_settings_context(user, form: NotificationSettingsForm | None = None) -> dict:
    """Return what templates/tracker/settings/push.html shows, for the settings page."""
    return {
        "push_devices": list(PushSubscription.objects.filter(owner=user)),
        "push_form": form or NotificationSettingsForm(instance=_settings_of(user)),
        "push_public_key": _public_key_or_none(),
        "push_has_dose_times": bool(_dose_times(user)),
    }


def _dose_times(user) -> list:
    return Profile.objects.filter(user=user).values_list("dose_times", flat=True).first() or []


def notification_settings(request):
    """The notification section on a page of its own: where the quiet-hours form posts."""
    form = NotificationSettingsForm(request.POST or None, instance=_settings_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            push.notification_settings_update(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Notification settings saved.")
            return redirect("notification_settings")
    context = push_settings_context(request.user, form)
    return render(request, "tracker/settings/notifications.html", context)


def _json_body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):  # nesting too deep: not JSON we take
        return {}
    return data if isinstance(data, dict) else {}


@require_POST
@recent_password_required
def push_subscribe(request):
    form = PushSubscriptionForm.from_json(_json_body(request))
    if not form.is_valid():
        message = " ".join(m for errors in form.errors.values() for m in errors)
        return JsonResponse({"ok": False, "message": message}, status=400)
    try:
        # Named as the signed-in devices are ("Chrome on Android"), never by the whole header.
        label = device_label(request.headers.get("User-Agent", ""))
        push.push_subscribe(user=request.user, label=label, **form.cleaned_data)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "message": " ".join(exc.messages)}, status=400)
    return JsonResponse({"ok": True, "message": "Notifications are on for this device."})


@require_POST
def push_unsubscribe(request):
    endpoint = _json_body(request).get("endpoint")
    if not isinstance(endpoint, str) or not push.push_unsubscribe(
        user=request.user, endpoint=endpoint
    ):
        return JsonResponse({"ok": False, "message": "This device was not subscribed."}, status=404)
    return JsonResponse({"ok": True, "message": "Notifications are off for this device."})


@require_POST
def push_device_remove(request, pk):
    device = PushSubscription.objects.filter(owner=request.user, pk=pk).first()
    if device is None:
        log_event("access_denied", user_id=request.user.pk, object="device", object_id=str(pk))
        raise Http404("No device of yours at this address.")
    push.push_device_remove(subscription=device)
    messages.success(request, "That device no longer receives notifications.")
    return redirect("notification_settings")


@require_POST
def push_test(request):
    count = PushSubscription.objects.filter(owner=request.user).count()
    if not count:
        messages.info(request, "No device receives notifications yet: turn them on first.")
        return redirect("notification_settings")
    delivered = push.push_send_test(user=request.user)
    if delivered:
        messages.success(request, f"Test notification sent to {delivered} of {count} device(s).")
    else:
        messages.error(
            request,
            "The test notification could not be sent to any device. Use the calendar feed or "
            "e-mail reminders, and try turning notifications off and on again.",
        )
    return redirect("notification_settings")
