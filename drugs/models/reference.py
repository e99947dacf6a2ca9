"""Reference data: drugs, their classes, aliases and facts, and the sources they cite."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from drugs.protection import refuse_if_used
from drugs.querysets import DrugFactQuerySet, DrugQuerySet
from drugs.slugs import RESERVED_DRUG_SLUGS

_NON_NEGATIVE = [MinValueValidator(0)]


def edited_note(when) -> str:
    """Return the words shown in place of a source once an editor changed a clinical value
    without giving a source for the new one."""
    return f"edited by a reference editor on {date_format(timezone.localdate(when), 'j F Y')}"


class Source(models.Model):
    """A citation that every clinical row points to."""

    key = models.SlugField(max_length=40, unique=True, help_text="Short key, e.g. SOMA-LABEL.")
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    identifier = models.CharField(max_length=200, blank=True, help_text="Set id, PMID, …")
    url = models.URLField(blank=True)
    licence = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.key


class DrugClass(models.Model):
    """A group of drugs that interaction rules can name at once (opioids, CYP2C19 inhibitors…)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "drug classes"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("drugs:class_detail", args=[self.slug])


class Schedule(models.TextChoices):
    NONE = "none", "Not controlled"
    II = "II", "Schedule II"
    III = "III", "Schedule III"
    IV = "IV", "Schedule IV"
    V = "V", "Schedule V"


class Kind(models.TextChoices):
    MEDICINE = "medicine", "Medicine"
    SUPPLEMENT = "supplement", "Supplement"
    SUBSTANCE = "substance", "Substance"


class Drug(models.Model):
    """A medicine, supplement or substance, with every clinical number the tracker uses."""

    generic_name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    rxcui = models.CharField("RxCUI", max_length=20, blank=True)
    classes = models.ManyToManyField(DrugClass, blank=True, related_name="drugs")
    # Blank means "not recorded": the app never claims a drug is uncontrolled without a source.
    schedule = models.CharField(
        "DEA schedule", max_length=4, choices=Schedule.choices, blank=True, default=""
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.MEDICINE)
    mechanism = models.TextField(blank=True)
    primary_use = models.TextField(blank=True)
    routes = models.CharField(max_length=200, blank=True)
    typical_duration = models.CharField(max_length=200, blank=True)
    abuse_potential = models.CharField(max_length=200, blank=True)
    withdrawal_risk = models.TextField(blank=True)

    dose_min_mg = models.DecimalField(
        "per-dose minimum (mg)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_NON_NEGATIVE,
    )
    dose_max_mg = models.DecimalField(
        "per-dose maximum (mg)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_NON_NEGATIVE,
    )
    max_daily_mg = models.DecimalField(
        "maximum per day (mg)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_NON_NEGATIVE,
    )
    min_hours_between = models.DecimalField(
        "minimum hours between doses",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_NON_NEGATIVE,
    )
    course_caution_day = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="From this course day, warn that the limit approaches."
    )
    course_limit_day = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="On this course day the usual limit is reached."
    )
    course_hard_limit_day = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="After this course day the course is past its limit."
    )
    course_limit_reason = models.TextField(
        blank=True, help_text="Why the course is short, shown when the limit is passed."
    )
    seek_care_advice = models.TextField(
        blank=True, help_text="What to do at once when a stop-and-seek-care symptom appears."
    )
    max_intakes_per_day = models.PositiveSmallIntegerField(
        "most intakes a day",
        null=True,
        blank=True,
        help_text="The most intakes a day the label describes (e.g. three times a day and at "
        "bedtime: 4). A prescription with more is a warning the patient confirms.",
    )
    impossible_multiple = models.DecimalField(
        "refuse prescriptions above this multiple",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=_NON_NEGATIVE,
        help_text="A course whose dose per intake or daily total is more than this many times "
        "the per-dose or daily maximum is refused as a typo no one could be prescribed.",
    )
    taper_advised = models.BooleanField(default=False)
    taper_threshold_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="After this many course days, advise a taper at the end."
    )
    taper_default_days = models.PositiveSmallIntegerField(null=True, blank=True)
    taper_step_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Suggested days between taper steps."
    )
    app_defaults = models.JSONField(
        default=list,
        blank=True,
        help_text="Names of fields whose values are app defaults, not label figures.",
    )
    limits_source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Where the dose and course limits come from.",
    )
    # Set when an editor changed a limit without giving a source for it: the limits then say so
    # instead of citing limits_source, until a source is chosen again.
    limits_edited_without_source_at = models.DateTimeField(null=True, blank=True, editable=False)
    sources = models.ManyToManyField(Source, related_name="drugs")
    active = models.BooleanField(
        default=True,
        help_text="Untick to retire the drug instead of deleting it: it is no longer offered "
        "for new courses, suggestions or the drug list; patients' records and warnings keep it.",
    )

    objects = DrugQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[classes])

    class Meta:
        ordering = ["generic_name"]
        indexes = [models.Index(Lower("generic_name"), name="drug_generic_name_lower")]
        constraints = [
            models.CheckConstraint(
                condition=Q(dose_min_mg__isnull=True)
                | Q(dose_max_mg__isnull=True)
                | Q(dose_min_mg__lte=models.F("dose_max_mg")),
                name="drug_dose_range_ordered",
                violation_error_message="The per-dose maximum cannot be below the minimum.",
            ),
        ]

    def __str__(self):
        return self.generic_name

    def get_absolute_url(self):
        return reverse("drugs:detail", args=[self.slug])

    def delete(self, *args, **kwargs):
        refuse_if_used([self])  # a co-medication's link or a check-in's symptom would go
        return super().delete(*args, **kwargs)

    def clean(self):
        errors = {}
        days = [
            ("course_caution_day", self.course_caution_day),
            ("course_limit_day", self.course_limit_day),
            ("course_hard_limit_day", self.course_hard_limit_day),
        ]
        set_days = [(name, day) for name, day in days if day is not None]
        if set_days and len(set_days) != len(days):
            errors["course_hard_limit_day"] = "Set all three course days, or none."
        elif set_days and not (
            self.course_caution_day <= self.course_limit_day <= self.course_hard_limit_day
        ):
            errors["course_limit_day"] = "Course days must run caution ≤ limit ≤ hard limit."
        if (
            self.max_daily_mg is not None
            and self.dose_max_mg is not None
            and self.max_daily_mg < self.dose_max_mg
        ):
            errors["max_daily_mg"] = "The daily maximum cannot be below the per-dose maximum."
        unknown = set(self.app_defaults or []) - {f.name for f in self._meta.fields}
        if unknown:
            errors["app_defaults"] = f"Not field names: {', '.join(sorted(unknown))}."
        if self.slug in RESERVED_DRUG_SLUGS:
            errors["slug"] = f"“{self.slug}” is the address of another page; choose another slug."
        if errors:
            raise ValidationError(errors)

    @property
    def limits_source_label(self) -> str:
        """Return what the limits cite: the source key, the edit note, or "" when neither."""
        if self.limits_edited_without_source_at:
            return edited_note(self.limits_edited_without_source_at)
        return self.limits_source.key if self.limits_source_id else ""

    @property
    def has_course_limit(self) -> bool:
        """Return whether the drug is meant for a limited course."""
        return self.course_hard_limit_day is not None


class DrugAlias(models.Model):
    """A brand name or other name a person might type for a drug ("Xanax", "beer")."""

    class AliasKind(models.TextChoices):
        BRAND = "brand", "Brand name"
        OTHER = "other", "Other name"

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=8, choices=AliasKind.choices, default=AliasKind.BRAND)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "drug aliases"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="alias_name_unique_ci",
                violation_error_message="Another drug already has this name as an alias.",
            )
        ]

    def __str__(self):
        return self.name


class DrugFact(models.Model):
    """One item of a drug's clinical lists: a side effect, a withdrawal symptom, a caution…"""

    class FactKind(models.TextChoices):
        SIDE_EFFECT = "side_effect", "Side effect"
        SEEK_CARE = "seek_care", "Stop and seek care now"
        OVERDOSE = "overdose", "Overdose sign"
        WITHDRAWAL = "withdrawal", "Withdrawal symptom"
        CONTRAINDICATION = "contraindication", "Contraindication"
        CAUTION = "caution", "Caution"
        ADVICE = "advice", "Advice"
        TIMING = "timing", "How and when to take it"
        MISSED_DOSE = "missed_dose", "If you miss a dose"
        COURSE_END = "course_end", "At the end of the course"

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(max_length=20, choices=FactKind.choices)
    text = models.CharField(max_length=300)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    # Set when an editor changed the text or kind without giving a source for the new words.
    edited_without_source_at = models.DateTimeField(null=True, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    # Stop-and-seek-care symptoms and overdose signs are always urgent; this marks the others
    # that are (severe withdrawal: seizures, hallucinations, psychosis).
    urgent = models.BooleanField(
        default=False,
        help_text="Ticked: a check-in with this symptom tells the patient to get help now "
        "(the urgent banner), not to mention it at the next visit.",
    )
    # Check-ins point at facts through a many-to-many table that no on_delete can guard: a fact
    # that patients recorded is retired, never deleted (drugs/admin.py refuses the delete).
    active = models.BooleanField(
        default=True,
        help_text="Untick to retire it instead of deleting it: it is no longer offered to "
        "patients or shown on the drug page; check-ins that recorded it keep its words.",
    )

    objects = DrugFactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "position", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"

    def delete(self, *args, **kwargs):
        refuse_if_used([self])  # a check-in recorded it
        return super().delete(*args, **kwargs)

    @property
    def source_label(self) -> str:
        """Return the source key, or the edit note once an editor changed it without one."""
        if self.edited_without_source_at:
            return edited_note(self.edited_without_source_at)
        return self.source.key
