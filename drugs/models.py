"""Reference data an admin edits: drugs, their classes and aliases, facts, interactions, sources."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from drugs.pairs import pair_key, side_key
from drugs.querysets import DrugQuerySet, InteractionQuerySet

_NON_NEGATIVE = [MinValueValidator(0)]


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
    sources = models.ManyToManyField(Source, related_name="drugs")

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
        if errors:
            raise ValidationError(errors)

    @property
    def has_course_limit(self) -> bool:
        """Return whether the drug is meant for a limited course."""
        return self.course_hard_limit_day is not None

    def is_app_default(self, field_name: str) -> bool:
        """Return whether a field's value is an app default to confirm with the prescriber."""
        return field_name in (self.app_defaults or [])


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

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(max_length=20, choices=FactKind.choices)
    text = models.CharField(max_length=300)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "position", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"


class Severity(models.TextChoices):
    CONTRAINDICATED = "contraindicated", "Contraindicated"
    MAJOR = "major", "Major"
    MODERATE = "moderate", "Moderate"
    MINOR = "minor", "Minor"


SEVERITY_RANK = {
    Severity.CONTRAINDICATED: 4,
    Severity.MAJOR: 3,
    Severity.MODERATE: 2,
    Severity.MINOR: 1,
}


class Evidence(models.TextChoices):
    LABEL = "label", "Label"
    SECONDARY = "secondary", "Secondary source"


class Interaction(models.Model):
    """A rule between a drug or class on one side and a drug or class on the other; symmetric."""

    drug_a = models.ForeignKey(
        Drug, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    class_a = models.ForeignKey(
        DrugClass, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    drug_b = models.ForeignKey(
        Drug, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    class_b = models.ForeignKey(
        DrugClass, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    severity = models.CharField(max_length=16, choices=Severity.choices)
    effect = models.TextField()
    advice = models.TextField()
    evidence = models.CharField(max_length=10, choices=Evidence.choices, default=Evidence.LABEL)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="interactions")
    # Order-free key of the two sides: what makes (A, B) and (B, A) the same rule.
    pair = models.CharField(max_length=50, unique=True, editable=False)

    objects = InteractionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pair"]
        constraints = [
            models.CheckConstraint(
                condition=Q(drug_a__isnull=True, class_a__isnull=False)
                | Q(drug_a__isnull=False, class_a__isnull=True),
                name="interaction_side_a_one_of",
                violation_error_message="Side A is either a drug or a class, not both or neither.",
            ),
            models.CheckConstraint(
                condition=Q(drug_b__isnull=True, class_b__isnull=False)
                | Q(drug_b__isnull=False, class_b__isnull=True),
                name="interaction_side_b_one_of",
                violation_error_message="Side B is either a drug or a class, not both or neither.",
            ),
        ]

    def __str__(self):
        return f"{self.side_a_label} ↔ {self.side_b_label} ({self.get_severity_display()})"

    def save(self, *args, **kwargs):
        self.pair = self.compute_pair()
        super().save(*args, **kwargs)

    @property
    def side_a_label(self) -> str:
        return str(self.drug_a or self.class_a)

    @property
    def side_b_label(self) -> str:
        return str(self.drug_b or self.class_b)

    @property
    def severity_rank(self) -> int:
        return SEVERITY_RANK[self.severity]

    def compute_pair(self) -> str:
        """Return the order-free key of this rule's sides."""
        return pair_key(
            side_key(self.drug_a_id, self.class_a_id), side_key(self.drug_b_id, self.class_b_id)
        )

    def clean(self):
        a_set = (self.drug_a_id is None) != (self.class_a_id is None)
        b_set = (self.drug_b_id is None) != (self.class_b_id is None)
        if not a_set:
            raise ValidationError({"drug_a": "Choose a drug or a class for side A (not both)."})
        if not b_set:
            raise ValidationError({"drug_b": "Choose a drug or a class for side B (not both)."})
        a = side_key(self.drug_a_id, self.class_a_id)
        b = side_key(self.drug_b_id, self.class_b_id)
        if a == b:
            raise ValidationError("An interaction needs two different sides, not one with itself.")
        self.pair = pair_key(a, b)
        if Interaction.objects.filter(pair=self.pair).exclude(pk=self.pk).exists():
            raise ValidationError("A rule for these two sides already exists; edit that one.")


class Combination(models.Model):
    """A danger that arises only when several drugs or classes are taken together (3 or more)."""

    name = models.CharField(max_length=200, unique=True)
    severity = models.CharField(max_length=16, choices=Severity.choices)
    effect = models.TextField()
    advice = models.TextField()
    evidence = models.CharField(max_length=10, choices=Evidence.choices, default=Evidence.LABEL)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="combinations")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CombinationMember(models.Model):
    """One part of a combination: a drug or a class, each matched by a different thing taken."""

    combination = models.ForeignKey(Combination, on_delete=models.CASCADE, related_name="members")
    drug = models.ForeignKey(
        Drug, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    drug_class = models.ForeignKey(
        DrugClass, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(drug__isnull=True, drug_class__isnull=False)
                | Q(drug__isnull=False, drug_class__isnull=True),
                name="combination_member_one_of",
                violation_error_message="A member is a drug or a class, not both or neither.",
            )
        ]

    def __str__(self):
        return str(self.drug or self.drug_class)


class ReferenceVersion(models.Model):
    """A counter bumped by every change to reference data: caches built on it never go stale."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"Reference data version {self.number}"

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0

    @classmethod
    def bump(cls) -> None:
        if not cls.objects.filter(pk=1).update(number=models.F("number") + 1):
            cls.objects.get_or_create(pk=1, defaults={"number": 1})
