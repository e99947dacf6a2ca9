"""Starting, editing and ending a course."""

from django import forms
from django.conf import settings
from django.utils import timezone

from drugs.models import Drug, DrugFact
from tracker.forms.fields import DateInput
from tracker.models import PRESCRIPTION_FIELDS, Course, CourseStatus, DoseSchedule
from tracker.models.courses import prescription_limits
from tracker.rules.bounds import EARLIEST_DATE
from tracker.rules.cautions import CAUTION_APPLIES
from tracker.rules.prescription import (
    CONFIRMED_CODES,
    Prescription,
    impossible_values,
    prescription_findings,
    start_date_finding,
)

CONFIRM_LABEL = "My prescriber wrote this: I have checked it against my prescription"


class DateConfirmInput(forms.CheckboxInput):
    """A tick that names the date it confirms (its value): a tick sent with another date
    confirms nothing, and the question is asked again, unticked, for the new one."""

    confirms = ""

    def __init__(self):
        super().__init__(check_test=lambda value: False)  # ticked only for its date: below

    def get_context(self, name, value, attrs):
        if self.confirms and value == self.confirms:
            attrs = {**(attrs or {}), "checked": True}
        return super().get_context(name, value, attrs)

    def format_value(self, value):
        return self.confirms or None

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class CourseFieldsMixin:
    """The prescription's fields, checked against the drug's reference limits when it is
    entered or changed: values beyond them are listed and need the patient's confirmation;
    impossible ones are refused (the import of an active course refuses them too). A course
    already stored is never refused afterwards: ending it or editing its notes always works."""

    prescription_findings: list = []
    prescription_warnings: list[str] = []
    start_date_finding = None

    def set_up_dose_schedule(self):
        """Ask how the course is taken, as a radio choice; a form sent without it (an older
        page) keeps the course's mode, scheduled for a new one."""
        field = self.fields["dose_schedule"]
        field.widget = forms.RadioSelect(choices=DoseSchedule.choices)
        field.required = False
        field.help_text = (
            "As needed: the intakes a day below are the most in any 24 hours, and the app "
            "shows when the next dose is allowed instead of counting missed doses."
        )

    def clean_dose_schedule(self):
        return self.cleaned_data["dose_schedule"] or (
            self.instance.dose_schedule if self.instance.pk else DoseSchedule.SCHEDULED
        )

    def add_confirmation_field(self):
        self.fields["prescription_confirmed"] = forms.BooleanField(
            required=False, label=CONFIRM_LABEL
        )
        self.fields["start_date_confirmed"] = forms.CharField(
            required=False, widget=DateConfirmInput()
        )

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start > timezone.localdate():
            raise forms.ValidationError("A course starts today or earlier.")
        return start

    def check_start_date(self, cleaned: dict, drug) -> None:
        """Ask the patient to confirm a start date that puts the course past the drug's outer
        limit on the day it is entered (a typed year or month, most often); the tick confirms
        that date only."""
        start = cleaned.get("start_date")
        if drug is None or start is None or start < EARLIEST_DATE:
            return  # before the dates the app keeps: the range's own message says so
        today = timezone.localdate()
        self.start_date_finding = start_date_finding(
            start, today, prescription_limits(drug), drug.generic_name
        )
        if self.start_date_finding is None:
            return
        confirm = self.fields["start_date_confirmed"]
        confirm.widget.confirms = str(start)
        # The bound field took its label when the fields were cleaned: it is told too.
        confirm.label = self["start_date_confirmed"].label = (
            f"{start:%a %d %b %Y} is the right start date"
        )
        if cleaned.get("start_date_confirmed") == str(start):
            return
        confirm.widget.attrs["autofocus"] = True  # the page opens at the question, not the top
        self.add_error(
            "start_date",
            "This date puts the course past its limit already: correct it, or tick the box "
            "below and send the form again. Nothing was saved yet.",
        )

    def check_prescription(self, cleaned: dict, drug) -> None:
        """List what is beyond the labelled limits and ask for the confirmation, unless the
        same warnings were confirmed already (an edit that leaves them as they were)."""
        mg, intakes = cleaned.get("mg_per_intake"), cleaned.get("intakes_per_day")
        if drug is None or mg is None or intakes is None:
            return
        rx = Prescription(mg, intakes, cleaned.get("planned_days"))
        limits = prescription_limits(drug)
        impossible = impossible_values(rx, limits)
        for field, message in impossible.items():
            self.add_error(field, message)
        if impossible:
            return
        self.prescription_findings = prescription_findings(rx, limits, drug.generic_name)
        self.prescription_warnings = [
            f.message for f in self.prescription_findings if f.code in CONFIRMED_CODES
        ]
        confirmed_before = (
            self.instance.pk is not None
            and self.instance.prescription_confirmed_at is not None
            and self.instance.prescription_warnings == self.prescription_warnings
        )
        if self.prescription_warnings and not (
            cleaned.get("prescription_confirmed") or confirmed_before
        ):
            self.add_error(
                "prescription_confirmed",
                "This prescription goes beyond the labelled limits listed above. If your "
                "prescriber wrote it this way, tick the box; if not, correct it. Nothing was "
                "saved yet.",
            )


class CourseStartForm(CourseFieldsMixin, forms.ModelForm):
    """The prescription, and two questions from the drug's reference data: whether any
    contraindication applies (yes stops here: see the prescriber first), and which cautions
    apply (none is an answer; each ticked one stays on the dashboard for the course)."""

    contraindicated = forms.ChoiceField(
        choices=[("no", "No, none of these applies to me"), ("yes", "Yes, one of these applies")],
        widget=forms.RadioSelect,
        label="Does any of these apply to you?",
        error_messages={"required": "Answer whether any of these applies to you."},
    )
    cautions = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Tick any that apply to you (leave all empty if none does)",
    )

    class Meta:
        model = Course
        fields = ["drug", *PRESCRIPTION_FIELDS]
        widgets = {"start_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drugs = Drug.objects.with_course_limits()
        self.fields["drug"].queryset = drugs
        self.fields["drug"].empty_label = None
        self.fields["start_date"].initial = timezone.localdate()
        self.fields["mg_per_intake"].widget.attrs["step"] = "any"
        self.fields["tablet_mg"].widget.attrs["step"] = "any"
        self.set_up_dose_schedule()
        self.add_confirmation_field()
        self.checklist_drug = self._selected_drug(drugs)
        if self.checklist_drug is not None and not self.initial.get("drug"):
            self.initial["drug"] = self.checklist_drug.pk
        facts = list(
            DrugFact.objects.active()
            .filter(
                drug=self.checklist_drug,
                kind__in=[DrugFact.FactKind.CONTRAINDICATION, DrugFact.FactKind.CAUTION],
            )
            .select_related("source")
        )
        self.contraindication_facts = [f for f in facts if f.kind == "contraindication"]
        self.caution_facts = [f for f in facts if f.kind == "caution"]
        self.checklist_facts = facts  # for the sources line
        self.fields["cautions"].choices = [(str(f.pk), f.text) for f in self.caution_facts]
        if not self.contraindication_facts:
            self.fields["contraindicated"].required = False

    def _selected_drug(self, drugs):
        posted = self.data.get("drug") if self.is_bound else None
        if posted and str(posted).isdigit():
            drug = drugs.filter(pk=posted).first()
            if drug:
                return drug
        return drugs.filter(slug=settings.DEFAULT_COURSE_DRUG).first() or drugs.first()

    def clean(self):
        cleaned = super().clean()
        drug = cleaned.get("drug")
        if drug is not None and drug != self.checklist_drug:
            self.add_error("contraindicated", "Answer the questions for the drug you chose.")
        elif cleaned.get("contraindicated") == "yes":
            self.add_error(
                "contraindicated",
                f"Do not start {self.checklist_drug}: contact your prescriber before the first "
                "dose and tell them which of these applies to you. Nothing was saved.",
            )
        self.check_prescription(cleaned, drug)
        self.check_start_date(cleaned, drug)
        return cleaned

    def confirmed_items(self) -> list[str]:
        """Return what the patient answered, as kept with the course: no contraindication
        applies, and each caution that does, with its source."""
        ticked = set(self.cleaned_data.get("cautions") or [])
        answers = ["Contraindications: none applies"] if self.contraindication_facts else []
        return answers + [
            f"{CAUTION_APPLIES}{f.text} [{f.source_label}]"
            for f in self.caution_facts
            if str(f.pk) in ticked
        ]


class CourseEditForm(CourseFieldsMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = [*PRESCRIPTION_FIELDS, "notes"]
        widgets = {"start_date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_up_dose_schedule()
        self.add_confirmation_field()

    def clean(self):
        cleaned = super().clean()
        drug = self.instance.drug if self.instance.drug_id else None
        self.check_prescription(cleaned, drug)
        # Only a start date being changed: a course kept past its limit stays editable, and an
        # imported one (no row yet, and its own form) is history.
        if self.instance.pk is not None and "start_date" in self.changed_data:
            self.check_start_date(cleaned, drug)
        return cleaned


class CourseNotesForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class CourseEndForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (CourseStatus.FINISHED, "Finished as planned"),
            (CourseStatus.STOPPED, "Stopped early"),
        ],
        widget=forms.RadioSelect,
    )
    end_date = forms.DateField(widget=DateInput())

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.fields["end_date"].initial = timezone.localdate()

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if end < self.course.start_date:
            raise forms.ValidationError("The end date cannot be before the start date.")
        if end > timezone.localdate():
            raise forms.ValidationError("The end date cannot be in the future.")
        return end
