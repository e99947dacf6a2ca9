"""Notification settings and a browser's push subscription (posted as JSON by push-settings.js)."""

from django import forms
from django.conf import settings

from tracker.models import NotificationSettings
from tracker.rules.push_input import subscription_errors


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["quiet_start", "quiet_end", "missed_after_minutes"]
        widgets = {
            "quiet_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {
            "quiet_start": "No notifications from this local time…",
            "quiet_end": "…until this one (it may be the next morning). Leave both empty for none.",
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("quiet_start"), cleaned.get("quiet_end")
        if (start is None) != (end is None) and not self.errors:
            self.add_error(
                "quiet_end" if end is None else "quiet_start",
                "Enter both ends of the quiet hours, or leave both empty.",
            )
        elif start is not None and start == end:
            self.add_error("quiet_end", "Quiet hours must end at another time than they start.")
        return cleaned


class PushSubscriptionForm(forms.Form):
    """The subscription a browser's PushManager gives: endpoint and its two keys."""

    endpoint = forms.CharField(max_length=1000, strip=True)
    p256dh = forms.CharField(max_length=100, strip=True)
    auth = forms.CharField(max_length=50, strip=True)

    @classmethod
    def from_json(cls, data) -> "PushSubscriptionForm":
        """Return the form bound to PushSubscription.toJSON(), whatever its shape."""
        data = data if isinstance(data, dict) else {}
        keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
        values = {
            "endpoint": data.get("endpoint"),
            "p256dh": keys.get("p256dh"),
            "auth": keys.get("auth"),
        }
        return cls({k: v for k, v in values.items() if isinstance(v, str)})

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        errors = subscription_errors(
            endpoint=cleaned["endpoint"],
            p256dh=cleaned["p256dh"],
            auth=cleaned["auth"],
            allow_local=settings.PUSH_ALLOW_LOCAL_ENDPOINTS,
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned
