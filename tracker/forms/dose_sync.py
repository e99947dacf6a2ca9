"""A dose logged offline on the dashboard and sent later as JSON (POST /doses/sync/).

It gets the same checks as the one-click form, with the time it was taken: the course must be
the user's and active, the time not in the future nor before the course start, and the amount
the intake the page showed on the day it was shown.
"""

from django import forms
from django.utils import timezone

from drugs.units import plain
from tracker.facts import intake_amount
from tracker.models import Course
from tracker.rules.dose_input import dose_input_errors
from tracker.security_log import log_event


class SyncedDoseForm(forms.Form):
    course = forms.IntegerField(min_value=1)
    token = forms.UUIDField()
    # ISO 8601 with its offset, as the phone's clock wrote it (new Date().toISOString()).
    taken_at = forms.DateTimeField()
    amount_mg = forms.DecimalField(max_digits=8, decimal_places=2)
    # The dashboard's day when the dose was logged: which intake amount the page showed.
    shown_on = forms.DateField()

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner

    def clean_course(self) -> Course:
        pk = self.cleaned_data["course"]
        course = Course.objects.active_for(self.owner).filter(pk=pk).first()
        if course is None:
            if not Course.objects.for_owner(self.owner).filter(pk=pk).exists():
                # Not the user's: a stale queue of another account on this phone, or probing.
                log_event("access_denied", user_id=self.owner.pk, object="course", object_id=pk)
            raise forms.ValidationError(
                "This course is not an active course of yours (it may have ended): "
                "log the dose on the course you are taking now, if you took it."
            )
        return course

    def clean(self):
        cleaned = super().clean()
        course, taken_at = cleaned.get("course"), cleaned.get("taken_at")
        if course is None:
            return cleaned
        errors = dose_input_errors(
            amount_mg=cleaned.get("amount_mg"),
            taken_at=taken_at,
            now=timezone.now(),
            course_start=course.start_date,
            zone=timezone.get_current_timezone(),
            dose_max_mg=course.drug.dose_max_mg,
            course_end=course.end_date,
        )
        for field, message in errors.items():
            self.add_error(field, message)
        shown_on, amount = cleaned.get("shown_on"), cleaned.get("amount_mg")
        if errors or shown_on is None or amount is None:
            return cleaned
        # Not compared with the time taken: the phone's clock may be minutes off the server's
        # around midnight. It only says which day's intake the page offered.
        if not course.start_date <= shown_on <= timezone.localdate():
            self.add_error("shown_on", "The page's day is outside the course: reload the page.")
        elif amount != intake_amount(course, shown_on):
            self.add_error(
                "amount_mg",
                f"{plain(amount)} mg is not the intake the dashboard showed that day "
                f"({plain(intake_amount(course, shown_on))} mg): log this dose with "
                "“Log a different amount or time”.",
            )
        return cleaned
