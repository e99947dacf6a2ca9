"""Creating a share link: what it shows, how long it works, the name it shows."""

import uuid

from django import forms

from tracker.forms.fields import without_controls
from tracker.models import ShareScope
from tracker.rules.sharing import DEFAULT_DAYS, DISPLAY_NAME_MAX, MAX_DAYS, MIN_DAYS

EXPIRED = "This form has expired. Reload the page and try again."


class ShareLinkForm(forms.Form):
    scope = forms.ChoiceField(
        label="What the link shows",
        choices=ShareScope.choices,
        initial=ShareScope.SUMMARY,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the link shows."},
    )
    expires_in_days = forms.IntegerField(
        label="Works for (days)",
        min_value=MIN_DAYS,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
        help_text=f"From {MIN_DAYS} to {MAX_DAYS} days. You can revoke it sooner at any time.",
        error_messages={
            "required": f"Enter how many days the link works: {MIN_DAYS} to {MAX_DAYS}.",
            "invalid": "Enter a whole number of days.",
            "min_value": f"A link works for at least {MIN_DAYS} day.",
            "max_value": f"A link works for at most {MAX_DAYS} days; make a new one later.",
        },
    )
    display_name = forms.CharField(
        label="Name shown on the page (optional)",
        max_length=DISPLAY_NAME_MAX,
        required=False,
        help_text="Only this name is shown, never your account's. Left empty: “the patient”.",
    )

    form_token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={"required": EXPIRED, "invalid": EXPIRED},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("form_token", uuid.uuid4())

    def clean_display_name(self):
        return without_controls(self.cleaned_data["display_name"])
