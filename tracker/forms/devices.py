"""Log-in with the trusted-device choice, and confirming the password before a sensitive
action."""

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm


class TrustedLoginForm(AuthenticationForm):
    trust_device = forms.BooleanField(
        required=False,
        label="Keep me signed in on this device",
        help_text=(
            f"For {settings.TRUSTED_DEVICE_DAYS} days, even when idle. Only on a phone or "
            "computer that is yours alone; you can sign it out from Settings."
        ),
    )


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        """Check the password through the authentication backends, so a wrong one counts
        towards the log-in lockout (django-axes) and a locked-out user is refused."""
        user = self.request.user
        checked = authenticate(
            self.request, username=user.get_username(), password=self.cleaned_data["password"]
        )
        if checked is None or checked.pk != user.pk:
            raise forms.ValidationError("That is not your password. Nothing was done; try again.")
        return ""
