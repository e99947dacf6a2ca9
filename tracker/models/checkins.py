"""How the user feels at a moment, and the claims that make each reminder go out once."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from tracker.models.courses import Course
from tracker.querysets import (
    CheckInQuerySet,
)
from tracker.rules.bounds import (
    EARLIEST_MOMENT,
)
from tracker.rules.symptoms import Symptom, is_urgent


class CheckInSeverity(models.TextChoices):
    """How bad the person feels at a check-in (not an interaction's severity)."""

    MILD = "mild", "Mild"
    MODERATE = "moderate", "Moderate"
    SEVERE = "severe", "Severe"


class CheckIn(models.Model):
    """How the user feels at a moment: symptoms from the drug's reference lists."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="checkins")
    recorded_at = models.DateTimeField()
    symptoms = models.ManyToManyField("drugs.DrugFact", related_name="+")
    severity = models.CharField(max_length=10, choices=CheckInSeverity.choices)
    note = models.CharField(max_length=500, blank=True)
    urgent = models.BooleanField(
        default=False,
        help_text="A symptom that needs help now was recorded: an overdose sign, a "
        "stop-and-seek-care symptom, or one reference data marks urgent.",
    )
    # When the patient closed the urgent banner; until then it stays at the top of every page.
    dismissed_at = models.DateTimeField(null=True, blank=True)

    objects = CheckInQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[symptoms])

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["owner", "-recorded_at"], name="checkin_owner_time")]
        constraints = [
            models.CheckConstraint(
                condition=Q(recorded_at__gte=EARLIEST_MOMENT),
                name="checkin_recorded_from_2000",
                violation_error_message="A check-in is recorded on 1 January 2000 or later.",
            )
        ]

    def __str__(self):
        return f"Check-in at {self.recorded_at:%Y-%m-%d %H:%M}"

    def urgent_symptoms(self) -> list:
        """Return the recorded symptoms that need help now (from the prefetched symptoms)."""
        return [f for f in self.symptoms.all() if is_urgent(Symptom(f.kind, f.text, f.urgent))]


class ReminderKind(models.TextChoices):
    STEP_CHANGE = "step_change", "Taper step changes today"
    CAUTION_DAY = "caution_day", "Course limit approaching"
    LIMIT_DAY = "limit_day", "Course limit reached"


class ReminderSent(models.Model):
    """A claim on one reminder: the unique row and its sent_at make sending happen once."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    for_date = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course", "kind", "for_date"], name="one_reminder_per_kind_and_day"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.for_date}"
