"""Interaction rules between drugs or classes, combinations, and the reference-data version."""

from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import Q
from simple_history.models import HistoricalRecords

from drugs.models.reference import Drug, DrugClass, Source, edited_note
from drugs.pairs import pair_key, side_key
from drugs.querysets import InteractionQuerySet
from drugs.severity import Severity

# What a rule or a combination tells the patient: the clinical values an edit must justify.
CLINICAL_FIELDS = ("severity", "effect", "advice")


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
    severity_is_app_default = models.BooleanField(
        "severity is an app default",
        default=False,
        help_text="Ticked when the source names the interaction but not its severity: the grade "
        "is the app's, shown as a default to confirm with the prescriber.",
    )
    # Set when an editor changed severity, effect or advice without giving a source for the new
    # values: the rule then shows the edit note instead of the source, until one is chosen again.
    edited_without_source_at = models.DateTimeField(null=True, blank=True, editable=False)
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
        return Severity(self.severity).rank

    @property
    def source_label(self) -> str:
        """Return the source key, or the edit note once an editor changed it without one."""
        if self.edited_without_source_at:
            return edited_note(self.edited_without_source_at)
        return self.source.key

    def compute_pair(self) -> str:
        """Return the order-free key of this rule's sides."""
        return pair_key(
            side_key(self.drug_a_id, self.class_a_id), side_key(self.drug_b_id, self.class_b_id)
        )

    def clean(self):
        self.clean_sides()
        self.pair = self.compute_pair()
        if Interaction.objects.filter(pair=self.pair).exclude(pk=self.pk).exists():
            raise ValidationError("A rule for these two sides already exists; edit that one.")

    def clean_sides(self) -> None:
        """Refuse a side that is neither or both of a drug and a class, and a side with itself.
        Reads the sides as objects: the CSV import checks rules whose drugs are rows of the
        same file, not saved yet."""
        a = self._side("drug_a", "class_a")
        b = self._side("drug_b", "class_b")
        if a is None:
            raise ValidationError({"drug_a": "Choose a drug or a class for side A (not both)."})
        if b is None:
            raise ValidationError({"drug_b": "Choose a drug or a class for side B (not both)."})
        if a == b:
            raise ValidationError("An interaction needs two different sides, not one with itself.")

    def _side(self, drug_field: str, class_field: str):
        """Return the side's drug or class, or None unless exactly one of them is set."""
        drug = getattr(self, drug_field) if self._has_side(drug_field) else None
        drug_class = getattr(self, class_field) if self._has_side(class_field) else None
        if (drug is None) == (drug_class is None):
            return None
        return drug or drug_class

    def _has_side(self, name: str) -> bool:
        field = self._meta.get_field(name)
        return getattr(self, field.attname) is not None or field.is_cached(self)


class Combination(models.Model):
    """A danger that arises only when several drugs or classes are taken together (3 or more)."""

    name = models.CharField(max_length=200, unique=True)
    severity = models.CharField(max_length=16, choices=Severity.choices)
    effect = models.TextField()
    advice = models.TextField()
    evidence = models.CharField(max_length=10, choices=Evidence.choices, default=Evidence.LABEL)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="combinations")
    # Set when an editor changed severity, effect or advice without giving a source for them.
    edited_without_source_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def source_label(self) -> str:
        """Return the source key, or the edit note once an editor changed it without one."""
        if self.edited_without_source_at:
            return edited_note(self.edited_without_source_at)
        return self.source.key


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
        """Return the current number. Written as SQL: the drug and class pages and the rules
        among a patient's drugs read it on every request, and the ORM takes twice the database's
        round trip to build this one-row read (docs/performance.md)."""
        connection = connections[router.db_for_read(cls)]
        q = connection.ops.quote_name
        number = q(cls._meta.get_field("number").column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {number} FROM {q(cls._meta.db_table)} WHERE {q('id')} = 1")
            row = cursor.fetchone()
        return (row[0] if row else 0) or 0

    @classmethod
    def bump(cls) -> None:
        if not cls.objects.filter(pk=1).update(number=models.F("number") + 1):
            cls.objects.get_or_create(pk=1, defaults={"number": 1})
