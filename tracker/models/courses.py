"""A prescribed course, the doses logged against it, and its taper plan."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tracker.models.validators import AT_MOST_MAX_MG, COURSE_NOTES_MAX, FROM_2000
from tracker.querysets import (
    CourseQuerySet,
    DoseQuerySet,
)
from tracker.rules.bounds import (
    EARLIEST_DATE,
    EARLIEST_MOMENT,
    MAX_AMOUNT_MG,
    MAX_INTAKES_PER_DAY,
)
from tracker.rules.prescription import PrescriptionLimits
from tracker.rules.taper import Step


def prescription_limits(drug) -> PrescriptionLimits:
    """Return the drug's limits a prescription is checked against, as plain values."""
    return PrescriptionLimits(
        dose_min_mg=drug.dose_min_mg,
        dose_max_mg=drug.dose_max_mg,
        max_intakes_per_day=drug.max_intakes_per_day,
        max_daily_mg=drug.max_daily_mg,
        limit_day=drug.course_limit_day,
        hard_limit_day=drug.course_hard_limit_day,
        impossible_multiple=drug.impossible_multiple,
        source=drug.limits_source_label,
        app_defaults=frozenset(drug.app_defaults or []),
    )


class CourseStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    FINISHED = "finished", "Finished as planned"
    STOPPED = "stopped", "Stopped early"


class DoseSchedule(models.TextChoices):
    SCHEDULED = "scheduled", "On a schedule: each day's intakes at set times"
    AS_NEEDED = "as_needed", "As needed (PRN): only when you need it, at most the intakes a day"


# What the prescriber wrote: the fields a course is started and edited with, and exported by.
PRESCRIPTION_FIELDS = [
    "dose_schedule",
    "start_date",
    "mg_per_intake",
    "intakes_per_day",
    "prescriber",
    "reason",
    "tablets_dispensed",
    "tablet_mg",
    "planned_days",
]


class Course(models.Model):
    """A prescribed course of one drug: start date, dose per intake and intakes per day."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="courses"
    )
    drug = models.ForeignKey("drugs.Drug", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField(validators=[FROM_2000])
    mg_per_intake = models.DecimalField(
        "mg per intake",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0.01), AT_MOST_MAX_MG],
    )
    intakes_per_day = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_INTAKES_PER_DAY)]
    )
    # As needed, the intakes a day are a ceiling, not a plan: no adherence and no missed dose.
    dose_schedule = models.CharField(
        "how to take it",
        max_length=10,
        choices=DoseSchedule.choices,
        default=DoseSchedule.SCHEDULED,
    )
    prescriber = models.CharField("prescriber's name", max_length=120, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    tablets_dispensed = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10000)]
    )
    tablet_mg = models.DecimalField(
        "tablet strength (mg)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01), AT_MOST_MAX_MG],
        help_text="Leave empty if one tablet is one intake.",
    )
    planned_days = models.PositiveSmallIntegerField(
        "planned length (days)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text="How many days your prescriber said to take it, if they said.",
    )
    status = models.CharField(
        max_length=10, choices=CourseStatus.choices, default=CourseStatus.ACTIVE
    )
    end_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True, max_length=COURSE_NOTES_MAX)
    safety_checklist_shown_at = models.DateTimeField(null=True, blank=True)
    safety_items_confirmed = models.JSONField(default=list, blank=True)
    # What in the prescription is beyond the labelled limits, as the patient confirmed it
    # ("my prescriber wrote this"), and when; kept for the whole course.
    prescription_warnings = models.JSONField(default=list, blank=True)
    prescription_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CourseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "drug"],
                condition=Q(status="active"),
                name="one_active_course_per_drug",
                violation_error_message="You already have an active course of this drug.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="course_ends_after_start",
                violation_error_message="A course cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(start_date__gte=EARLIEST_DATE),
                name="course_starts_from_2000",
                violation_error_message="A course starts on 1 January 2000 or later.",
            ),
            models.CheckConstraint(
                condition=Q(mg_per_intake__gt=0, mg_per_intake__lte=MAX_AMOUNT_MG),
                name="course_mg_per_intake_in_range",
                violation_error_message=f"The amount per intake is above 0 and at most "
                f"{MAX_AMOUNT_MG:,} mg.",
            ),
            models.CheckConstraint(
                condition=Q(tablet_mg__isnull=True)
                | Q(tablet_mg__gt=0, tablet_mg__lte=MAX_AMOUNT_MG),
                name="course_tablet_mg_in_range",
                violation_error_message=f"The tablet strength is above 0 and at most "
                f"{MAX_AMOUNT_MG:,} mg.",
            ),
            models.CheckConstraint(
                condition=Q(dose_schedule__in=["scheduled", "as_needed"]),
                name="course_dose_schedule_known",
                violation_error_message="A course is taken on a schedule or as needed.",
            ),
            models.CheckConstraint(
                condition=Q(intakes_per_day__gte=1, intakes_per_day__lte=MAX_INTAKES_PER_DAY),
                name="course_intakes_per_day_in_range",
                violation_error_message=f"A course has 1 to {MAX_INTAKES_PER_DAY} intakes a day.",
            ),
        ]

    def __str__(self):
        return f"{self.drug} from {self.start_date}"

    def get_absolute_url(self):
        return reverse("course_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == CourseStatus.ACTIVE

    @property
    def is_scheduled(self) -> bool:
        """Return whether doses are due at set times each day (not as needed): only then are
        doses expected, counted for adherence, reminded of or called missed."""
        return self.dose_schedule == DoseSchedule.SCHEDULED

    @property
    def daily_mg(self):
        """Return the prescribed total per day."""
        return self.mg_per_intake * self.intakes_per_day

    @property
    def planned_last_day(self):
        """Return the last day of the planned length, or None when the prescriber gave none."""
        if not self.planned_days:
            return None
        return self.start_date + timedelta(days=self.planned_days - 1)


class Dose(models.Model):
    """One intake logged by the user. A dose that breaks a rule is still recorded."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="doses")
    taken_at = models.DateTimeField()
    amount_mg = models.DecimalField(max_digits=8, decimal_places=2)
    note = models.CharField(max_length=500, blank=True)
    # One token per rendered form: a double click or a resubmit cannot log a second dose.
    form_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = DoseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-taken_at", "-id"]
        indexes = [models.Index(fields=["course", "-taken_at"], name="dose_course_taken")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_mg__gt=0, amount_mg__lte=MAX_AMOUNT_MG),
                name="dose_amount_in_range",
                violation_error_message=f"A dose is above 0 and at most {MAX_AMOUNT_MG:,} mg.",
            ),
            models.CheckConstraint(
                condition=Q(taken_at__gte=EARLIEST_MOMENT),
                name="dose_taken_from_2000",
                violation_error_message="A dose is taken on 1 January 2000 or later.",
            ),
        ]

    def __str__(self):
        return f"{self.amount_mg} mg at {self.taken_at:%Y-%m-%d %H:%M}"

    @property
    def was_edited(self) -> bool:
        return self.edited_at is not None


class TaperPlan(models.Model):
    """The step-down schedule of a course, as the prescriber gave it (or a confirmed suggestion)."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="taper_plan")
    from_suggestion = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"Taper plan of {self.course}"


class TaperStep(models.Model):
    plan = models.ForeignKey(TaperPlan, on_delete=models.CASCADE, related_name="steps")
    start_date = models.DateField(validators=[FROM_2000])
    mg_per_intake = models.DecimalField(
        "mg per intake",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0), AT_MOST_MAX_MG],
    )
    # 0 intakes (or 0 mg) is the final "stopped" step of a taper.
    intakes_per_day = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(MAX_INTAKES_PER_DAY)]
    )
    # 2 spaces a once-daily dose out to every other day: a taper that never splits a tablet.
    every_days = models.PositiveSmallIntegerField(
        default=1,
        choices=[(1, "Every day"), (2, "Every other day")],
        validators=[MinValueValidator(1), MaxValueValidator(2)],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "start_date"],
                name="one_taper_step_per_day",
                violation_error_message="Two steps cannot start on the same day.",
            ),
            models.CheckConstraint(
                condition=Q(start_date__gte=EARLIEST_DATE),
                name="taper_step_starts_from_2000",
                violation_error_message="A taper step starts on 1 January 2000 or later.",
            ),
            models.CheckConstraint(
                condition=Q(mg_per_intake__gte=0, mg_per_intake__lte=MAX_AMOUNT_MG),
                name="taper_step_mg_in_range",
                violation_error_message=f"A step's amount is 0 to {MAX_AMOUNT_MG:,} mg.",
            ),
            models.CheckConstraint(
                condition=Q(intakes_per_day__gte=0, intakes_per_day__lte=MAX_INTAKES_PER_DAY),
                name="taper_step_intakes_in_range",
                violation_error_message=f"A step has 0 to {MAX_INTAKES_PER_DAY} intakes a day.",
            ),
            models.CheckConstraint(
                condition=Q(every_days__in=[1, 2]),
                name="taper_step_every_one_or_two_days",
                violation_error_message="A step's doses are taken every day or every other day.",
            ),
        ]

    def __str__(self):
        every = " every other day" if self.every_days == 2 else ""
        return f"{self.mg_per_intake} mg × {self.intakes_per_day}{every} from {self.start_date}"

    def describe(self) -> str:
        """Return the step in words, as the rules say it: '350 mg once every other day'."""
        return Step(
            self.start_date, self.mg_per_intake, self.intakes_per_day, self.every_days
        ).describe()
