"""Adding and editing a co-medication."""

from django import forms
from django.urls import reverse
from django.utils import timezone

from tracker.forms.fields import DateInput, without_controls
from tracker.models import CoMedication


class CoMedicationForm(forms.ModelForm):
    class Meta:
        model = CoMedication
        fields = ["name", "dose", "frequency", "start_date", "stop_date", "note"]
        widgets = {"start_date": DateInput(), "stop_date": DateInput()}
        labels = {"name": "Name (medicine, supplement or drink)", "dose": "Dose"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"].initial = timezone.localdate()
        self.fields["name"].widget.attrs.update(
            {
                "list": "drug-suggestions",
                "autocomplete": "off",
                "data-suggest-url": reverse("drugs:suggest"),
            }
        )
        self.fields["dose"].widget.attrs["placeholder"] = "e.g. 0.5 mg, or 2 glasses"
        self.fields["frequency"].widget.attrs["placeholder"] = "e.g. twice a day, weekends"

    def clean_name(self):
        name = without_controls(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("Enter the name, as it is on the pack or as you say it.")
        return name

    def clean_note(self):
        return without_controls(self.cleaned_data["note"])

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start > timezone.localdate():
            raise forms.ValidationError("Enter a start date of today or earlier.")
        return start

    def clean(self):
        cleaned = super().clean()
        start, stop = cleaned.get("start_date"), cleaned.get("stop_date")
        if start and stop and stop < start:
            self.add_error("stop_date", "The stop date cannot be before the start date.")
        return cleaned
