"""Adding and editing a co-medication."""

from django import forms
from django.urls import reverse
from django.utils import timezone

from drugs.name_lookup import look_up
from drugs.names import Suggestion
from tracker.forms.fields import DateInput, without_controls
from tracker.models import CoMedication


def _describe(suggestion: Suggestion) -> str:
    """Return "Klonopin (clonazepam)", or just "clonazepam" for a generic name."""
    generics = " + ".join(suggestion.ingredients)
    return (
        suggestion.name
        if generics.lower() == suggestion.name.lower()
        else (f"{suggestion.name} ({generics})")
    )


class CoMedicationForm(forms.ModelForm):
    """A name close to a known one is never matched silently: the form asks "Did you mean …?"
    and the patient presses the suggestion (a `use_suggestion` button) or keeps the name as
    typed (a `keep_as_typed` button; then it is saved as not checked)."""

    asks_about_close_names = True

    class Meta:
        model = CoMedication
        fields = ["name", "dose", "frequency", "start_date", "stop_date", "note"]
        widgets = {"start_date": DateInput(), "stop_date": DateInput()}
        labels = {"name": "Name (medicine, supplement or drink)", "dose": "Dose"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions: tuple[Suggestion, ...] = ()
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
        if not self.asks_about_close_names or self.data.get("keep_as_typed") == "1":
            return name
        found = look_up(name)
        chosen = self.data.get("use_suggestion", "")
        if chosen and chosen in {s.name for s in found.suggestions}:
            return chosen
        if found.fully_checked or not found.suggestions:
            return name
        self.suggestions = found.suggestions
        raise forms.ValidationError(
            f"We do not know “{name}”. Did you mean "
            + " or ".join(_describe(s) for s in found.suggestions[:3])
            + "? Choose one below, or keep the name as you typed it (it will not be checked)."
        )

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
