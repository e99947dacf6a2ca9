"""One form per record of an export file.

Each record form is the app's own form for that record (settings, course edit and end, dose,
taper step, check-in, co-medication) with the few fields only the app sets added, so an
imported row passes the checks a typed one does. The JSON shape is checked before
(tracker/imports/shape.py); these forms check the values.
"""

from django import forms
from django.utils import timezone

from drugs.models import Drug, DrugFact
from tracker.forms.accounts import ProfileForm
from tracker.forms.checkins import CheckInForm
from tracker.forms.comedications import CoMedicationForm
from tracker.forms.courses import CourseEditForm, CourseEndForm
from tracker.forms.doses import DoseForm
from tracker.forms.fields import without_controls
from tracker.forms.push import NotificationSettingsForm
from tracker.forms.tapers import TaperStepForm
from tracker.imports.reading import shown
from tracker.models import Course, CourseStatus
from tracker.models.courses import prescription_limits
from tracker.rules.bounds import EARLIEST_MOMENT
from tracker.rules.dose_input import FUTURE_TOLERANCE
from tracker.rules.prescription import Prescription, impossible_values


class MomentField(forms.DateTimeField):
    """A moment the app itself recorded (created, edited, shown): from 2000 until now."""

    def validate(self, value):
        super().validate(value)
        if value is not None and not (
            EARLIEST_MOMENT <= value <= timezone.now() + FUTURE_TOLERANCE
        ):
            raise forms.ValidationError("Enter a time between 1 January 2000 and now.")


class EditedAfterAdded:
    """For a record the app stamps when it is added and when it is edited: an edit comes after
    the record was added, as the app records them."""

    def clean(self):
        cleaned = super().clean()
        added, edited = cleaned.get("created_at"), cleaned.get("edited_at")
        if added is not None and edited is not None and edited < added:
            self.add_error(
                "edited_at",
                "A record is edited after it was added: this time is before its created_at.",
            )
        return cleaned


class ReferenceDrugField(forms.Field):
    """A reference drug named by its slug, among the drugs of this install given."""

    def __init__(self, *, drugs: dict[str, Drug], kind: str = "drug", **kwargs):
        super().__init__(**kwargs)
        self.drugs, self.kind = drugs, kind

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value not in self.drugs:
            raise forms.ValidationError(f"This install has no {self.kind} “{shown(value)}”.")
        return self.drugs[value]


class TextListField(forms.Field):
    """A short list of short texts, cleaned as the app cleans its notes."""

    def __init__(self, *, max_items: int, max_length: int, **kwargs):
        super().__init__(required=False, **kwargs)
        self.max_items, self.max_length = max_items, max_length

    def to_python(self, value):
        if value in self.empty_values:
            return []
        if len(value) > self.max_items:
            raise forms.ValidationError(f"Enter at most {self.max_items} items.")
        if any("\x00" in item for item in value):
            raise forms.ValidationError("Null characters are not allowed.")
        items = [without_controls(item) for item in value]
        if any(len(item) > self.max_length for item in items):
            raise forms.ValidationError(f"Keep each item to {self.max_length} characters.")
        return items


class ProfileImportForm(ProfileForm):
    """The settings form, fed from the file: dose times come as a list, a null zone keeps the
    account's own, and the e-mail address is the importing account's (never the file's)."""

    def __init__(self, values: dict, *, instance):
        data = {
            "time_zone": values["time_zone"] or instance.time_zone,
            "dose_times": ", ".join(values["dose_times"]),
            "email_reminders": values["email_reminders"],
            "email": instance.user.email,
        }
        super().__init__(data, instance=instance)

    def clean(self):
        if self.cleaned_data.get("email_reminders") and not self.cleaned_data.get("email"):
            raise forms.ValidationError(
                "E-mail reminders are on in the file, but this account has no e-mail address: "
                "add one in Settings, then import again."
            )
        return super().clean()


class NotificationsImportForm(NotificationSettingsForm):
    """The notification settings form, fed from the file: quiet hours as "HH:MM[:SS]" or null."""

    def __init__(self, values: dict, *, instance):
        data = {
            "quiet_start": values["quiet_start"] or "",
            "quiet_end": values["quiet_end"] or "",
            "missed_after_minutes": values["missed_after_minutes"],
        }
        super().__init__(data, instance=instance)


ENDED = (CourseStatus.FINISHED, CourseStatus.STOPPED)


class CourseImportForm(CourseEditForm):
    """The course edit form, plus the drug (by slug), the status and end date (checked by the
    form that ends a course), the safety checklist record and the creation time."""

    status = forms.ChoiceField(choices=CourseStatus.choices)
    end_date = forms.DateField(required=False)
    safety_checklist_shown_at = MomentField(required=False)
    # An item is "<kind>: <fact text> [<source key>]": the fact text is at most 300 characters.
    safety_items_confirmed = TextListField(max_items=50, max_length=500)
    prescription_warnings = TextListField(max_items=20, max_length=500)
    prescription_confirmed_at = MomentField(required=False)
    created_at = MomentField()

    def __init__(self, values: dict, *, drugs: dict[str, Drug]):
        super().__init__(values)
        # Only the drugs the app starts courses of, as in the form that starts one.
        self.fields["drug"] = ReferenceDrugField(drugs=drugs, kind="course drug")
        # A file names the mode (an older one without it reads as scheduled: shape.py).
        self.fields["dose_schedule"].required = True

    def clean(self):
        cleaned = super().clean()
        drug, mg, intakes = (cleaned.get(k) for k in ("drug", "mg_per_intake", "intakes_per_day"))
        active = cleaned.get("status") == CourseStatus.ACTIVE
        if active and drug is not None and mg is not None and intakes is not None:
            # The refusal the start and edit forms make; an ended course is history, kept.
            rx = Prescription(mg, intakes, cleaned.get("planned_days"))
            for field, message in impossible_values(rx, prescription_limits(drug)).items():
                self.add_error(field, message)
        status, start, end = (cleaned.get(k) for k in ("status", "start_date", "end_date"))
        if status == CourseStatus.ACTIVE and end is not None:
            self.add_error("end_date", "An active course has no end date.")
        elif status in ENDED and start is not None and "end_date" not in self.errors:
            ending = CourseEndForm(
                {"status": status, "end_date": end.isoformat() if end else ""},
                course=Course(start_date=start),
            )
            for field, messages in ending.errors.items():
                for message in messages:
                    self.add_error(field, message)
        return cleaned


class DoseImportForm(EditedAfterAdded, DoseForm):
    """The dose form (amount, time and note checked against the course), without the form
    token, plus when the dose was logged and last edited."""

    created_at = MomentField()
    edited_at = MomentField(required=False)

    def __init__(self, values: dict, *, course: Course):
        super().__init__(values, course=course, with_token=False)


class TaperPlanImportForm(forms.Form):
    """A plan's own field; its steps are checked one by one, then as a plan."""

    from_suggestion = forms.BooleanField(required=False)


class TaperStepImportForm(TaperStepForm):
    """A step, as one row of the taper plan form."""


class CheckInImportForm(CheckInForm):
    """The check-in form with its symptoms given as ids of this install's facts (looked up from
    the file's [drug, kind, text]) and the moment it was recorded. Urgency is derived again
    from the symptoms, as when a check-in is recorded in the app."""

    recorded_at = MomentField()
    urgent = forms.BooleanField(required=False)

    def __init__(self, values: dict, *, drug: Drug, symptom_ids: list[int]):
        super().__init__({**values, "symptoms": [str(pk) for pk in symptom_ids]}, drug=drug)
        # Any symptom of the drug, not only those the form offers once: a check-in recorded
        # before reference data grew may name one now offered under another group.
        self.fields["symptoms"].queryset = DrugFact.objects.active().filter(
            drug=drug, kind__in=self.KINDS
        )


class CoMedicationImportForm(EditedAfterAdded, CoMedicationForm):
    """The co-medication form, plus its times and the drug it was linked to (by slug). The link
    is checked but not kept: the name is looked up again when it is saved, against the
    reference data of this install."""

    asks_about_close_names = False  # a name in the file is kept as typed; unknown = not checked
    created_at = MomentField()
    edited_at = MomentField(required=False)

    def __init__(self, values: dict, *, drugs: dict[str, Drug]):
        super().__init__(values)
        self.fields["drug"] = ReferenceDrugField(drugs=drugs, required=False)
