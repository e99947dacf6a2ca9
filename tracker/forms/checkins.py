"""A symptom check-in."""

from django import forms
from django.utils import timezone

from drugs.models import DrugFact
from tracker.forms.fields import without_controls
from tracker.forms.tapers import IdChoicesField
from tracker.models import CheckInSeverity


class CheckInForm(forms.Form):
    symptoms = IdChoicesField(
        queryset=DrugFact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one symptom, or write a note instead."},
        required=False,
    )
    severity = forms.ChoiceField(choices=CheckInSeverity.choices, widget=forms.RadioSelect)
    note = forms.CharField(max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    KINDS = [
        DrugFact.FactKind.SEEK_CARE,
        DrugFact.FactKind.WITHDRAWAL,
        DrugFact.FactKind.SIDE_EFFECT,
    ]

    def __init__(self, *args, drug, **kwargs):
        super().__init__(*args, **kwargs)
        facts = DrugFact.objects.active().filter(drug=drug, kind__in=self.KINDS)
        facts = facts.order_by("kind", "position")
        self.fields["symptoms"].queryset = facts
        self.fields["symptoms"].label_from_instance = lambda f: (
            f"{f.text} ({f.get_kind_display().lower()})"
        )
        self.recorded_at = timezone.now()

    def clean_note(self):
        return without_controls(self.cleaned_data["note"])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("symptoms") and not cleaned.get("note"):
            raise forms.ValidationError("Pick at least one symptom, or write a note.")
        return cleaned
