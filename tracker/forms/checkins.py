"""A symptom check-in."""

from django import forms
from django.utils import timezone

from drugs.models import DrugFact
from tracker.facts import any_urgent
from tracker.forms.fields import without_controls
from tracker.forms.tapers import IdChoicesField
from tracker.models import CheckInSeverity
from tracker.rules.symptoms import offered_once


class CheckInForm(forms.Form):
    symptoms = IdChoicesField(
        queryset=DrugFact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one symptom, or write a note instead."},
        required=False,
    )
    # Not required by the field: a sign that needs help now is recorded (and its banner shown)
    # without waiting for the patient to grade it; clean() asks only when nothing is urgent.
    severity = forms.ChoiceField(
        choices=CheckInSeverity.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Not needed for a sign of overdose or to seek care: it is recorded as severe.",
    )
    note = forms.CharField(max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    # Most serious first: a symptom listed under two kinds is offered once, under the first.
    GROUPS = {
        DrugFact.FactKind.OVERDOSE: "Signs of overdose: get help now",
        DrugFact.FactKind.SEEK_CARE: "Stop and seek care now",
        DrugFact.FactKind.WITHDRAWAL: "Withdrawal symptoms",
        DrugFact.FactKind.SIDE_EFFECT: "Side effects",
    }
    KINDS = list(GROUPS)

    def __init__(self, *args, drug, **kwargs):
        super().__init__(*args, **kwargs)
        facts = DrugFact.objects.active().filter(drug=drug, kind__in=self.KINDS)
        offered = offered_once(
            sorted(facts, key=lambda f: (self.KINDS.index(f.kind), not f.urgent, f.position))
        )
        self.groups: list[tuple[str, list[DrugFact]]] = [
            (label, [f for f in offered if f.kind == kind])
            for kind, label in self.GROUPS.items()
            if any(f.kind == kind for f in offered)
        ]
        self.fields["symptoms"].queryset = facts.filter(pk__in=[f.pk for f in offered])
        self.recorded_at = timezone.now()

    def clean_note(self):
        return without_controls(self.cleaned_data["note"])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("symptoms") and not cleaned.get("note"):
            raise forms.ValidationError("Pick at least one symptom, or write a note.")
        if not cleaned.get("severity") and "severity" not in self.errors:
            if any_urgent(cleaned.get("symptoms") or []):
                cleaned["severity"] = CheckInSeverity.SEVERE
            else:
                self.add_error("severity", "Choose how bad it is: mild, moderate or severe.")
        return cleaned
