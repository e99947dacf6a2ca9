"""Something else the user takes, and the ingredients its name stands for."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tracker.models.validators import FROM_2000, validate_within_plan_horizon
from tracker.querysets import (
    PREFETCHED_INGREDIENTS,
    CoMedicationQuerySet,
)
from tracker.rules.bounds import (
    EARLIEST_DATE,
)


class CoMedication(models.Model):
    """Something else the user takes: a medicine, a supplement, or alcohol use."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comedications"
    )
    name = models.CharField(max_length=120, help_text="As you would say it, e.g. Xanax or beer.")
    # What the name stands for, worked out when it is saved and again when the reference data
    # grows (tracker/services/linking.py): every ingredient of a product such as Percocet.
    ingredients = models.ManyToManyField("drugs.Drug", blank=True, related_name="+")
    # True only when every part of the name was recognised: anything else is "not checked".
    checked = models.BooleanField(default=False, editable=False)
    dose = models.CharField(max_length=120, blank=True)
    frequency = models.CharField(max_length=120, blank=True)
    start_date = models.DateField(validators=[FROM_2000])
    stop_date = models.DateField(
        null=True, blank=True, validators=[FROM_2000, validate_within_plan_horizon]
    )
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = CoMedicationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["stop_date", "-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stop_date__isnull=True) | Q(stop_date__gte=models.F("start_date")),
                name="comedication_stops_after_start",
                violation_error_message="The stop date cannot be before the start date.",
            ),
            models.CheckConstraint(
                condition=Q(start_date__gte=EARLIEST_DATE),
                name="comedication_starts_from_2000",
                violation_error_message="Enter a start date from 1 January 2000 on.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("comedication_edit", args=[self.pk])

    def ingredient_list(self) -> list:
        """Return the drugs the name stands for, by generic name: read once by
        CoMedication.objects.for_owner, else now."""
        # A plain list from the prefetch (to_attr): Django's own prefetch builds a manager and
        # a queryset for each entry, which costs more than the query on a long list.
        prefetched = self.__dict__.get(PREFETCHED_INGREDIENTS)
        return prefetched if prefetched is not None else list(self.ingredients.all())

    @property
    def ingredient_names(self) -> str:
        """Return what the name stands for, "oxycodone + acetaminophen", or "" when unknown."""
        return " + ".join(sorted(drug.generic_name for drug in self.ingredient_list()))

    def is_active_on(self, day) -> bool:
        """Return whether it is being taken on that day."""
        return self.start_date <= day and (self.stop_date is None or self.stop_date >= day)
