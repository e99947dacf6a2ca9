"""The numbers to call in an emergency, country by country: reference data an editor keeps in
the admin, each number citing its source as the clinical rows do."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from drugs.models.reference import Source, edited_note
from drugs.querysets import EmergencyNumbersQuerySet

# As people write a number to dial: digits, spaces and dashes, an optional leading "+".
phone_number = RegexValidator(
    r"^\+?[0-9][0-9 -]{1,22}$", "Enter a number to dial: digits, spaces and dashes, and + first."
)
country_code = RegexValidator(r"^[A-Z]{2}$", "Enter the two capital letters of ISO 3166 (DE).")


class EmergencyNumbers(models.Model):
    """One country's numbers: the ambulance and, where the public has one, a poison line."""

    country_code = models.CharField(
        max_length=2, unique=True, validators=[country_code], help_text="ISO 3166 code: DE, US."
    )
    country_name = models.CharField(max_length=80)
    emergency_number = models.CharField(
        max_length=24,
        validators=[phone_number],
        help_text="The number to dial for an ambulance there (Norway: 113, not 112).",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    poison_help_number = models.CharField(
        max_length=24,
        blank=True,
        validators=[phone_number],
        help_text="A poison line the public may call; empty where there is none.",
    )
    poison_help_name = models.CharField(max_length=120, blank=True)
    poison_help_note = models.CharField(
        max_length=120, blank=True, help_text="Hours or limits, e.g. “8am–10pm daily”."
    )
    poison_help_source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    edited_without_source_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EmergencyNumbersQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["country_name"]
        verbose_name = "emergency numbers of a country"
        verbose_name_plural = "emergency numbers"
        constraints = [
            models.CheckConstraint(
                condition=Q(poison_help_number="")
                | (Q(poison_help_source__isnull=False) & ~Q(poison_help_name="")),
                name="poison_help_named_and_sourced",
                violation_error_message="A poison line needs its name and its source.",
            )
        ]

    def __str__(self):
        return f"{self.country_name}: {self.emergency_number}"

    @property
    def cited(self) -> str:
        """The source the numbers cite, or the note that an editor changed them without one."""
        if self.edited_without_source_at:
            return edited_note(self.edited_without_source_at)
        return self.source.key
