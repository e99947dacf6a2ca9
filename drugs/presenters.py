"""Shape reference rows for the public pages: no queries here, only prefetched data."""

from dataclasses import dataclass, field
from datetime import timedelta

from drugs.durations import spoken_duration
from drugs.models import Drug, DrugClass, DrugFact, Interaction, Product, Schedule
from drugs.pairs import side_key
from drugs.units import plain


@dataclass(frozen=True)
class ProductView:
    product: Product
    others: list[Drug]  # its ingredients besides the drug of the page


def products_containing(drug: Drug) -> list[ProductView]:
    """Return the drug's products (prefetched with their ingredients), each with its other
    ingredients: single-ingredient products first, then combinations, by name."""
    views = [
        ProductView(product, [d for d in product.ingredients.all() if d.pk != drug.pk])
        for product in drug.products.all()
    ]
    views.sort(key=lambda v: (bool(v.others), v.product.name.casefold()))
    return views


# The drug page's sections: how to take it first (where a patient decides), then what to
# watch for, most serious first.
FACT_SECTIONS = [
    (DrugFact.FactKind.TIMING, "How and when to take it"),
    (DrugFact.FactKind.MISSED_DOSE, "If you miss a dose"),
    (DrugFact.FactKind.OVERDOSE, "Signs of overdose: get help now"),
    (DrugFact.FactKind.SEEK_CARE, "Stop and seek care now"),
    (DrugFact.FactKind.CONTRAINDICATION, "Do not take it if"),
    (DrugFact.FactKind.CAUTION, "Cautions: tell your prescriber"),
    (DrugFact.FactKind.WITHDRAWAL, "Withdrawal symptoms"),
    (DrugFact.FactKind.SIDE_EFFECT, "Side effects"),
    (DrugFact.FactKind.ADVICE, "Advice"),
    (DrugFact.FactKind.COURSE_END, "At the end of the course"),
]


def fact_sections(facts) -> list[tuple[str, list[DrugFact]]]:
    """Return the facts as (heading, facts) sections in FACT_SECTIONS order, each in its
    stored order, leaving out empty sections."""
    grouped: dict[str, list[DrugFact]] = {}
    for fact in facts:
        grouped.setdefault(fact.kind, []).append(fact)
    return [(heading, grouped[kind]) for kind, heading in FACT_SECTIONS if kind in grouped]


@dataclass(frozen=True)
class LimitRow:
    label: str
    value: str
    app_default: bool  # a value shown is an app default, to confirm with the prescriber


def _number(value) -> str:
    return f"{plain(value):f}"


def limit_rows(drug: Drug) -> list[LimitRow]:
    """Return the drug's dosing and course limits as rows, each saying whether any value it
    shows is an app default rather than a figure from the source."""
    defaults = set(drug.app_defaults or [])
    rows = []

    def add(label: str, value: str, fields: list[str]) -> None:
        shown = [name for name in fields if getattr(drug, name) not in (None, "", False)]
        rows.append(LimitRow(label, value, bool(defaults & set(shown))))

    low, high = drug.dose_min_mg, drug.dose_max_mg
    if low is not None or high is not None:
        amounts = " to ".join(_number(v) for v in (low, high) if v is not None)
        add("Per dose", f"{amounts} mg", ["dose_min_mg", "dose_max_mg"])
    if drug.max_daily_mg:
        add("Maximum per day", f"{_number(drug.max_daily_mg)} mg", ["max_daily_mg"])
    if drug.min_hours_between:
        add(
            "Minimum time between doses",
            spoken_duration(timedelta(hours=float(drug.min_hours_between))),
            ["min_hours_between"],
        )
    if drug.has_course_limit:
        add(
            "Course",
            f"caution from day {drug.course_caution_day}, limit at day {drug.course_limit_day}, "
            f"beyond the limit after day {drug.course_hard_limit_day}",
            ["course_caution_day", "course_limit_day", "course_hard_limit_day"],
        )
    if drug.taper_advised:
        parts = ["advised after longer use"]
        if drug.taper_threshold_days:
            parts = [f"advised after more than {drug.taper_threshold_days} days of use"]
        if drug.taper_default_days:
            parts.append(f"typically over {drug.taper_default_days} days")
        if drug.taper_step_days:
            parts.append(f"a step every {drug.taper_step_days} days")
        add(
            "Taper",
            "; ".join(parts),
            ["taper_threshold_days", "taper_default_days", "taper_step_days"],
        )
    return rows


@dataclass(frozen=True)
class Citation:
    source: str  # the source key, or the edit note
    evidence: str  # "Label" or "Secondary source", as the rule says


@dataclass(frozen=True)
class RuleView:
    """One counterpart of a page's drug (or class): shown once, at its highest severity."""

    rule: Interaction  # the most severe rule: its severity, effect and advice are shown
    rules: tuple[Interaction, ...]  # every rule that reaches the counterpart, most severe first
    # What the rules name on the page's side, when one of them reaches it through a class.
    via: tuple[str, ...]
    other_side: str
    other_url: str
    # Drugs of the counterpart class whose own rule says no more than the class's: one row.
    including: tuple[Drug, ...] = ()

    @property
    def citations(self) -> list[Citation]:
        """Return each rule's source with its own evidence, once each, most severe rule first."""
        seen = []
        for rule in self.rules:
            citation = Citation(rule.source_label, rule.get_evidence_display())
            if citation not in seen:
                seen.append(citation)
        return seen


def _sides(rule: Interaction, drug_ids: set[int], class_ids: set[int]) -> tuple[str, str]:
    """Return which side of the rule is the page's and which is the other: the page's drug
    itself before one of its classes, when both sides are the page's."""
    if rule.drug_a_id in drug_ids:
        return "a", "b"
    if rule.drug_b_id in drug_ids:
        return "b", "a"
    return ("a", "b") if rule.class_a_id in class_ids else ("b", "a")


@dataclass
class _Counterpart:
    """The rules that name one drug or class on the other side, while a page is shaped."""

    other: Drug | DrugClass
    rules: list[Interaction] = field(default_factory=list)
    via: list[str] = field(default_factory=list)  # the page's drug or classes the rules name
    through_a_class: bool = False  # a rule names one of the page's drug's classes
    folded: list["_Counterpart"] = field(default_factory=list)

    @property
    def rank(self) -> int:
        return max(r.severity_rank for r in self.rules)

    def says_as(self, other: "_Counterpart") -> bool:
        """Return whether the other's most severe rules say nothing this one does not."""

        def words(counterpart: "_Counterpart") -> set[tuple[str, str]]:
            top = counterpart.rank
            return {(r.effect, r.advice) for r in counterpart.rules if r.severity_rank == top}

        return words(other) <= words(self)

    def view(self) -> RuleView:
        rules = [*self.rules, *(r for f in self.folded for r in f.rules)]
        # Most severe first; at one severity, a grade its source gives before an app default.
        rules.sort(key=lambda r: (-r.severity_rank, r.severity_is_app_default))
        via = list(dict.fromkeys([*self.via, *(name for f in self.folded for name in f.via)]))
        through_a_class = self.through_a_class or any(f.through_a_class for f in self.folded)
        return RuleView(
            rule=rules[0],
            rules=tuple(rules),
            via=tuple(via) if through_a_class else (),
            other_side=str(self.other),
            other_url=self.other.get_absolute_url(),
            including=tuple(f.other for f in self.folded),
        )


def rules_from_side(rules, *, drug_ids: set[int], class_ids: set[int]) -> list[RuleView]:
    """Return the rules seen from one side (a drug with its classes, or a class): one row per
    drug or class on the other side, at its highest severity, most severe first. A drug whose
    rules are no more severe than those of one of its classes is shown in that class's row.
    Reads the other sides' classes: prefetch drug_a__classes and drug_b__classes."""
    counterparts: dict[str, _Counterpart] = {}
    for rule in rules:
        ours, other = _sides(rule, drug_ids, class_ids)
        drug, drug_class = getattr(rule, f"drug_{other}"), getattr(rule, f"class_{other}")
        key = side_key(getattr(rule, f"drug_{other}_id"), getattr(rule, f"class_{other}_id"))
        counterpart = counterparts.setdefault(key, _Counterpart(drug or drug_class))
        counterpart.rules.append(rule)
        our_side = str(getattr(rule, f"drug_{ours}") or getattr(rule, f"class_{ours}"))
        if our_side not in counterpart.via:
            counterpart.via.append(our_side)
        counterpart.through_a_class |= getattr(rule, f"drug_{ours}_id") is None
    for key, counterpart in list(counterparts.items()):
        if not isinstance(counterpart.other, Drug):
            continue
        covering = [
            counterparts[side_key(None, c.id)]
            for c in counterpart.other.classes.all()
            if side_key(None, c.id) in counterparts
        ]
        # Folded only where nothing is lost: the class's rule is more severe, or as severe and in
        # the same words. A drug's own words at the class's severity keep their own row.
        covering = [
            c
            for c in covering
            if c.rank > counterpart.rank or (c.rank == counterpart.rank and c.says_as(counterpart))
        ]
        if covering:
            covering.sort(key=lambda c: (-c.rank, str(c.other).casefold()))
            covering[0].folded.append(counterpart)
            del counterparts[key]
    views = [counterpart.view() for counterpart in counterparts.values()]
    views.sort(key=lambda v: (-v.rule.severity_rank, v.other_side.casefold()))
    return views


def rules_by_ingredient(rules, ingredients) -> list[tuple[Drug, list[RuleView]]]:
    """Return each ingredient (its classes prefetched) with the rules that reach it, seen from
    its side, one row per counterpart, most severe first."""
    rules = list(rules)
    grouped = []
    for drug in ingredients:
        class_ids = {c.id for c in drug.classes.all()}
        reaching = [
            rule
            for rule in rules
            if drug.id in (rule.drug_a_id, rule.drug_b_id)
            or class_ids & {rule.class_a_id, rule.class_b_id}
        ]
        grouped.append((drug, rules_from_side(reaching, drug_ids={drug.id}, class_ids=class_ids)))
    return grouped


def schedule_label(drug: Drug) -> str:
    if not drug.schedule:
        return "Not recorded in our reference data"
    if drug.schedule == Schedule.NONE:
        return "Not a controlled substance"
    return f"Controlled: {drug.get_schedule_display()}"


def _side_effects(drug: Drug) -> str:
    effects = [f.text for f in drug.facts.all() if f.kind == DrugFact.FactKind.SIDE_EFFECT]
    return ", ".join(effects) or "Not recorded"


def comparison_rows(first: Drug, second: Drug) -> list[tuple[str, str, str]]:
    """Return (label, first value, second value) rows for the comparison table."""

    def classes(drug: Drug) -> str:
        return ", ".join(c.name for c in drug.classes.all()) or "Not recorded"

    def text(value: str) -> str:
        return value or "Not recorded"

    def doses(drug: Drug) -> str:
        """The dose limits, each app default said so, with the source the limits cite."""
        shown = [
            f"{row.label}: {row.value}{' (app default)' if row.app_default else ''}"
            for row in limit_rows(drug)
            if row.label in ("Per dose", "Maximum per day")
        ]
        if not shown:
            return "Not recorded"
        source = drug.limits_source_label
        return "; ".join(shown) + (f" [{source}]" if source else "")

    rows = [
        ("Drug class", classes),
        ("Controlled status", schedule_label),
        ("Mechanism", lambda d: text(d.mechanism)),
        ("Primary use", lambda d: text(d.primary_use)),
        ("Duration of use", lambda d: text(d.typical_duration)),
        ("Abuse potential", lambda d: text(d.abuse_potential)),
        ("Routes", lambda d: text(d.routes)),
        ("Dose limits", doses),
        ("Common side effects", _side_effects),
        ("Withdrawal risk", lambda d: text(d.withdrawal_risk)),
    ]
    return [(label, get(first), get(second)) for label, get in rows]
