"""Logging and editing a dose; the dashboard's one-click form."""

import uuid

from django import forms
from django.utils import timezone

from drugs.units import plain
from tracker.forms.fields import (
    DATETIME_LOCAL,
    DateTimeLocalInput,
    LocalDateTimeField,
    without_controls,
)
from tracker.models import Course
from tracker.rules.dose_input import dose_input_errors


class DoseForm(forms.Form):
    amount_mg = forms.DecimalField(
        label="Amount (mg)",
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    taken_at = LocalDateTimeField(
        label="Taken at",
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=DateTimeLocalInput(),
    )
    note = forms.CharField(max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, course: Course, with_token: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        if not with_token:
            del self.fields["token"]
        if not self.is_bound:
            self.initial.setdefault("amount_mg", plain(course.mg_per_intake))
            self.initial.setdefault(
                "taken_at", timezone.localtime().replace(second=0, microsecond=0)
            )
            self.initial.setdefault("token", uuid.uuid4())

    def clean_note(self):
        return without_controls(self.cleaned_data["note"])

    def clean(self):
        cleaned = super().clean()
        errors = dose_input_errors(
            amount_mg=cleaned.get("amount_mg"),
            taken_at=cleaned.get("taken_at"),
            now=timezone.now(),
            course_start=self.course.start_date,
            zone=timezone.get_current_timezone(),
            dose_max_mg=self.course.drug.dose_max_mg,
            course_end=self.course.end_date,
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned


class QuickLogForm(forms.Form):
    course = forms.IntegerField(widget=forms.HiddenInput)
    token = forms.UUIDField(widget=forms.HiddenInput)
    # Set by the confirm step: "I already took it". Without it, a dose the rules advise against
    # now is not recorded; the confirm page asks first.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
