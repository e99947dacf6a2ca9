import uuid
import zoneinfo
from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.urls import reverse
from django.utils import timezone

from drugs.models import Drug, DrugFact
from drugs.units import plain
from tracker.models import CoMedication, Course, CourseStatus, Profile
from tracker.rules.dose_input import dose_input_errors

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def without_controls(text: str) -> str:
    """Drop NUL and other control characters that a paste can carry; keep line breaks."""
    return "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32).strip()


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_LOCAL, **kwargs)


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=False, help_text="Optional; needed to reset a password.")
    time_zone = forms.ChoiceField(choices=time_zone_choices, initial=settings.TIME_ZONE)

    class Meta(UserCreationForm.Meta):
        fields = ["username", "email"]


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=time_zone_choices)
    dose_times = forms.CharField(
        required=False,
        label="Usual dose times",
        help_text="Local times separated by commas, e.g. 08:00, 14:00, 20:00, 23:00. "
        "They place planned doses in your calendar feed.",
    )
    email = forms.EmailField(required=False, help_text="Where e-mail reminders go.")

    class Meta:
        model = Profile
        fields = ["time_zone", "dose_times", "email_reminders"]
        labels = {"email_reminders": "E-mail me on taper step changes and course limit days"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["dose_times"] = ", ".join(self.instance.dose_times or [])
        self.initial["email"] = self.instance.user.email

    def clean_dose_times(self):
        parsed = []
        for part in self.cleaned_data["dose_times"].replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                moment = datetime.strptime(part, "%H:%M")
            except ValueError:
                raise forms.ValidationError(
                    f"“{part[:20]}” is not a time. Use 24-hour times like 08:00, 20:30."
                ) from None
            parsed.append(moment.strftime("%H:%M"))
        if len(parsed) > 12:
            raise forms.ValidationError("Enter at most 12 dose times.")
        return sorted(set(parsed))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email_reminders") and not cleaned.get("email"):
            self.add_error("email", "Enter an e-mail address to receive reminders.")
        return cleaned

    def save(self, commit=True):
        profile = super().save(commit=commit)
        user = profile.user
        user.email = self.cleaned_data["email"]
        if commit:
            user.save(update_fields=["email"])
        return profile


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
        fields = [
            "drug",
            "start_date",
            "mg_per_intake",
            "intakes_per_day",
            "prescriber",
            "reason",
            "tablets_dispensed",
            "tablet_mg",
        ]
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
            DrugFact.objects.filter(
                drug=self.checklist_drug,
                kind__in=[DrugFact.FactKind.CONTRAINDICATION, DrugFact.FactKind.CAUTION],
            ).select_related("source")
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
        return [f"{f.get_kind_display()}: {f.text} [{f.source.key}]" for f in self.checklist_facts]


class CourseEditForm(CourseFieldsMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "start_date",
            "mg_per_intake",
            "intakes_per_day",
            "prescriber",
            "reason",
            "tablets_dispensed",
            "tablet_mg",
            "notes",
        ]
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


class DoseForm(forms.Form):
    amount_mg = forms.DecimalField(
        label="Amount (mg)",
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    taken_at = forms.DateTimeField(
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
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned


class QuickLogForm(forms.Form):
    course = forms.IntegerField(widget=forms.HiddenInput)
    token = forms.UUIDField(widget=forms.HiddenInput)


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
