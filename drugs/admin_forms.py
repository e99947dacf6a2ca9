"""Forms of the reference admin: clinical edits that give a reason and keep the source honest,
a fact list that refuses to delete what patients recorded, and the CSV upload. The model forms
take their model and fields from the ModelAdmin that uses them (drugs/admin.py)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from drugs.models.interactions import CLINICAL_FIELDS
from drugs.models.reference import edited_note
from drugs.protection import patient_records_using, retire_instead

REASON_FIELD = "change_reason"
REASON_REQUIRED = (
    "Say why this clinical value changed (e.g. “label revised 2025, section 2.1”): the reason "
    "is kept in the reference history."
)


class SourcedValuesForm(forms.ModelForm):
    """A row whose clinical values cite a source. Changing one of them without choosing a source
    with it makes the row stop citing its source: it shows "edited by a reference editor on
    <date>" until a later edit chooses a source again."""

    clinical_fields: tuple[str, ...] = ()
    source_field = "source"
    edited_field = "edited_without_source_at"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        edited_at = getattr(self.instance, self.edited_field) if self.instance.pk else None
        self.edited_at = edited_at
        if edited_at and self.source_field in self.fields:
            # Shown empty: choosing a source is what makes the row cite it again.
            self.initial[self.source_field] = None
            field = self.fields[self.source_field]
            field.required = False
            field.help_text = (
                f"The values were {edited_note(edited_at)} without a source. Choose the source "
                "that supports them to cite it again; left empty, the row keeps that note."
            )

    def clinical_changes(self) -> list[str]:
        """Return the clinical fields this form changes on a stored row."""
        if self.instance.pk is None:
            return []
        return [name for name in self.clinical_fields if name in self.changed_data]

    def clean(self):
        cleaned = super().clean()
        if (
            self.edited_at
            and self.source_field in self.fields
            and not cleaned.get(self.source_field)
        ):
            # Keep the stored source (the history shows it) without citing it.
            cleaned[self.source_field] = getattr(self.instance, self.source_field)
        return cleaned

    def save(self, commit=True):
        if self.source_field in self.changed_data:
            setattr(self.instance, self.edited_field, None)
        elif self.clinical_changes():
            setattr(self.instance, self.edited_field, timezone.now())
        return super().save(commit)


class ClinicalEditForm(SourcedValuesForm):
    """A change to a clinical value needs a reason, kept as the history's change reason."""

    change_reason = forms.CharField(
        label="Reason for the change",
        required=False,
        max_length=100,
        help_text="Required when a clinical value changes; kept in the reference history.",
    )

    def clean(self):
        cleaned = super().clean()
        if self.clinical_changes() and not cleaned.get(REASON_FIELD, "").strip():
            self.add_error(REASON_FIELD, REASON_REQUIRED)
        return cleaned


class InteractionForm(ClinicalEditForm):
    clinical_fields = CLINICAL_FIELDS


class CombinationForm(ClinicalEditForm):
    clinical_fields = CLINICAL_FIELDS


class DrugFactForm(ClinicalEditForm):
    clinical_fields = ("kind", "text", "urgent")


class DrugForm(ClinicalEditForm):
    # The values limits_source stands for: what the dose, course and taper warnings use.
    clinical_fields = (
        "dose_min_mg",
        "dose_max_mg",
        "max_daily_mg",
        "min_hours_between",
        "max_intakes_per_day",
        "impossible_multiple",
        "course_caution_day",
        "course_limit_day",
        "course_hard_limit_day",
        "taper_advised",
        "taper_threshold_days",
        "taper_default_days",
        "taper_step_days",
    )
    source_field = "limits_source"
    edited_field = "limits_edited_without_source_at"


class EmergencyNumbersForm(ClinicalEditForm):
    # What a patient is told to dial, and where: a change needs a reason. One source is
    # tracked for the row's values (the poison line's own is shown beside it in the admin).
    clinical_fields = (
        "country_code",
        "emergency_number",
        "poison_help_number",
        "poison_help_name",
        "poison_help_note",
    )


class FactInlineForm(SourcedValuesForm):
    """A fact edited on its drug's page: the reason is the drug form's."""

    clinical_fields = DrugFactForm.clinical_fields


class FactInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = []
        for form in self.forms:
            if not self._should_delete_form(form):
                kept.append(form)
                continue
            uses = form.instance.pk and patient_records_using(form.instance)
            if uses:
                raise ValidationError(
                    f"“{form.instance.text}”: {'; '.join(retire_instead(uses))} (untick Active)."
                )
        changed = any(form.clinical_changes() for form in kept)
        # The reason is the drug form's field, posted with this formset.
        if changed and not self.data.get(REASON_FIELD, "").strip():
            raise ValidationError(f"A fact's kind or text changed. {REASON_REQUIRED}")


class ProductForm(forms.ModelForm):
    """A product names at least one ingredient (the field is required): a name with none would
    check nothing."""

    class Meta:
        error_messages = {
            "ingredients": {
                "required": "Choose every active ingredient of the product (at least one): "
                "each is checked for interactions on its own."
            }
        }


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="Format: see the README (Reference data).")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.REFERENCE_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                f"This file is {filesizeformat(upload.size)}; the admin imports files up to "
                f"{filesizeformat(limit)}. Import it on the server with “python manage.py "
                "import_interactions FILE.csv”, which reads files of any size in batches while "
                "the app keeps serving."
            )
        return upload
