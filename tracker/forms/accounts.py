"""Sign-up and the settings page."""

from datetime import datetime

from django import forms
from django.contrib.auth.forms import UserCreationForm

from tracker.forms.fields import TimeZoneField
from tracker.models import Profile
from tracker.models.validators import default_time_zone

ZONE_HELP = "Your days and dose times follow it. Type a city to search the list, e.g. Paris."


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=False, help_text="Optional; needed to reset a password.")
    time_zone = TimeZoneField(initial=default_time_zone, help_text=ZONE_HELP)

    class Meta(UserCreationForm.Meta):
        fields = ["username", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # static/js/time-zone.js puts the browser's zone here and asks the user to confirm it;
            # never over what the user sent.
            self.fields["time_zone"].widget.attrs["data-detect-zone"] = ""


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField(help_text=ZONE_HELP)
    dose_times = forms.CharField(
        required=False,
        label="Usual dose times",
        help_text="Local times separated by commas, e.g. 08:00, 14:00, 20:00, 23:00. "
        "They place planned doses in your calendar feed.",
    )
    email = forms.EmailField(required=False, help_text="Where e-mail reminders go.")

    class Meta:
        model = Profile
        fields = ["time_zone", "dose_times", "email_reminders"]
        labels = {"email_reminders": "E-mail me on taper step changes and course limit days"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["dose_times"] = ", ".join(self.instance.dose_times or [])
        self.initial["email"] = self.instance.user.email

    def clean_dose_times(self):
        parsed = []
        for part in self.cleaned_data["dose_times"].replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                moment = datetime.strptime(part, "%H:%M")
            except ValueError:
                raise forms.ValidationError(
                    f"“{part[:20]}” is not a time. Use 24-hour times like 08:00, 20:30."
                ) from None
            parsed.append(moment.strftime("%H:%M"))
        if len(parsed) > 12:
            raise forms.ValidationError("Enter at most 12 dose times.")
        return sorted(set(parsed))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email_reminders") and not cleaned.get("email"):
            self.add_error("email", "Enter an e-mail address to receive reminders.")
        return cleaned
