"""Starting, editing and ending a course."""

from django import forms
from django.conf import settings
from django.utils import timezone

from drugs.models import Drug, DrugFact
from tracker.forms.fields import DateInput
from tracker.models import PRESCRIPTION_FIELDS, Course, CourseStatus


class CourseFieldsMixin:
    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start > timezone.localdate():
            raise forms.ValidationError("A course starts today or earlier.")
        return start


class CourseStartForm(CourseFieldsMixin, forms.ModelForm):
    checklist = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Discussed with my prescriber",
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
        self.checklist_drug = self._selected_drug(drugs)
        if self.checklist_drug is not None and not self.initial.get("drug"):
            self.initial["drug"] = self.checklist_drug.pk
        self.checklist_facts = list(
            DrugFact.objects.active()
            .filter(
                drug=self.checklist_drug,
                kind__in=[DrugFact.FactKind.CONTRAINDICATION, DrugFact.FactKind.CAUTION],
            )
            .select_related("source")
        )
        self.fields["checklist"].choices = [
            (str(f.pk), f"{f.get_kind_display()}: {f.text}") for f in self.checklist_facts
        ]

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
            self.add_error("checklist", "Review the checklist for the drug you chose.")
        elif len(set(cleaned.get("checklist", []))) != len(self.checklist_facts):
            self.add_error(
                "checklist",
                "Tick each item once you have discussed it with your prescriber. If one applies "
                "to you and you have not, talk to them before starting.",
            )
        return cleaned

    def confirmed_items(self) -> list[str]:
        return [
            f"{f.get_kind_display()}: {f.text} [{f.source_label}]" for f in self.checklist_facts
        ]


class CourseEditForm(CourseFieldsMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = [*PRESCRIPTION_FIELDS, "notes"]
        widgets = {"start_date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


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
