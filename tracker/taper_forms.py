from django import forms
from django.forms import formset_factory
from django.utils import timezone

from drugs.models import DrugFact
from drugs.units import plain
from tracker.forms import DateInput, without_controls
from tracker.models import Severity
from tracker.rules.bounds import MAX_AMOUNT_MG, MAX_INTAKES_PER_DAY
from tracker.rules.taper import Step

STEP_ROWS = 8
MAX_ID = 2**63 - 1


class IdChoicesField(forms.ModelMultipleChoiceField):
    """Refuse ids outside the database's integer range as invalid choices, not a crash."""

    def _check_values(self, value):
        for item in value:
            text = str(item)
            if not text.isdigit() or int(text) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:20]},
                )
        return super()._check_values(value)


class TaperStepForm(forms.Form):
    start_date = forms.DateField(widget=DateInput())
    mg_per_intake = forms.DecimalField(
        label="mg per intake",
        max_digits=8,
        decimal_places=2,
        max_value=MAX_AMOUNT_MG,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    intakes_per_day = forms.IntegerField(
        label="Intakes a day", min_value=0, max_value=MAX_INTAKES_PER_DAY
    )

    def clean_mg_per_intake(self):
        value = self.cleaned_data["mg_per_intake"]
        if value < 0:
            raise forms.ValidationError("Amounts cannot be negative.")
        return value


class BaseStepFormSet(forms.BaseFormSet):
    def steps(self) -> list[Step]:
        """Return the filled rows as steps, in the order entered."""
        return [
            Step(
                f.cleaned_data["start_date"],
                f.cleaned_data["mg_per_intake"],
                f.cleaned_data["intakes_per_day"],
            )
            for f in self.forms
            if f.cleaned_data
        ]


TaperStepFormSet = formset_factory(
    TaperStepForm, formset=BaseStepFormSet, extra=0, max_num=STEP_ROWS, absolute_max=STEP_ROWS
)


def step_formset(data=None, steps: list[Step] | None = None) -> BaseStepFormSet:
    initial = [
        {
            "start_date": s.start_date,
            "mg_per_intake": plain(s.mg_per_intake),
            "intakes_per_day": s.intakes_per_day,
        }
        for s in steps or []
    ]
    formset = TaperStepFormSet(data, initial=initial, prefix="step")
    formset.extra = max(0, STEP_ROWS - len(initial)) if data is None else 0
    return formset


class CheckInForm(forms.Form):
    symptoms = IdChoicesField(
        queryset=DrugFact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one symptom, or write a note instead."},
        required=False,
    )
    severity = forms.ChoiceField(choices=Severity.choices, widget=forms.RadioSelect)
    note = forms.CharField(max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    KINDS = [
        DrugFact.FactKind.SEEK_CARE,
        DrugFact.FactKind.WITHDRAWAL,
        DrugFact.FactKind.SIDE_EFFECT,
    ]

    def __init__(self, *args, drug, **kwargs):
        super().__init__(*args, **kwargs)
        facts = DrugFact.objects.filter(drug=drug, kind__in=self.KINDS).order_by("kind", "position")
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
