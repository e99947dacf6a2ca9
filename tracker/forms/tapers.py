"""The taper plan: one form per step, in a formset."""

from django import forms
from django.forms import formset_factory

from drugs.units import plain
from tracker.forms.fields import DateInput
from tracker.rules.bounds import MAX_AMOUNT_MG, MAX_INTAKES_PER_DAY
from tracker.rules.taper import DAILY, EVERY_OTHER_DAY, Step

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
    # Not required, so a form (or an export) from before every-other-day steps reads as daily;
    # the initial value keeps an untouched empty row unchanged, so it is skipped.
    every_days = forms.TypedChoiceField(
        label="How often",
        choices=[(DAILY, "Every day"), (EVERY_OTHER_DAY, "Every other day")],
        coerce=int,
        required=False,
        empty_value=DAILY,
        initial=DAILY,
        error_messages={"invalid_choice": "Choose every day or every other day."},
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
                f.cleaned_data["every_days"],
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
            "every_days": s.every_days,
        }
        for s in steps or []
    ]
    formset = TaperStepFormSet(data, initial=initial, prefix="step")
    formset.extra = max(0, STEP_ROWS - len(initial)) if data is None else 0
    return formset
