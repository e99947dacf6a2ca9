"""Shape reference rows for the public pages: no queries here, only prefetched data."""

from dataclasses import dataclass

from drugs.models import Drug, DrugFact, Interaction, Product, Schedule


@dataclass(frozen=True)
class RuleView:
    rule: Interaction
    via: str  # the class through which the rule reaches this page's drug, if any
    other_side: str
    other_url: str


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
]


def fact_sections(facts) -> list[tuple[str, list[DrugFact]]]:
    """Return the facts as (heading, facts) sections in FACT_SECTIONS order, each in its
    stored order, leaving out empty sections."""
    grouped: dict[str, list[DrugFact]] = {}
    for fact in facts:
        grouped.setdefault(fact.kind, []).append(fact)
    return [(heading, grouped[kind]) for kind, heading in FACT_SECTIONS if kind in grouped]


def rules_from_side(rules, *, drug_ids: set[int], class_ids: set[int]) -> list[RuleView]:
    """Return rules seen from one side (a drug with its classes, or a class), most severe first."""
    views = []
    for rule in rules:
        a_is_ours = rule.drug_a_id in drug_ids or rule.class_a_id in class_ids
        ours, other = ("a", "b") if a_is_ours else ("b", "a")
        other_obj = getattr(rule, f"drug_{other}") or getattr(rule, f"class_{other}")
        views.append(
            RuleView(
                rule=rule,
                via=str(getattr(rule, f"class_{ours}") or ""),
                other_side=str(other_obj),
                other_url=other_obj.get_absolute_url(),
            )
        )
    views.sort(key=lambda v: (-v.rule.severity_rank, v.other_side))
    return views


def rules_by_ingredient(rules, ingredients) -> list[tuple[Drug, list[RuleView]]]:
    """Return each ingredient (its classes prefetched) with the rules that reach it, seen from
    its side, most severe first."""
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

    rows = [
        ("Drug class", classes),
        ("Controlled status", schedule_label),
        ("Mechanism", lambda d: text(d.mechanism)),
        ("Primary use", lambda d: text(d.primary_use)),
        ("Duration of use", lambda d: text(d.typical_duration)),
        ("Abuse potential", lambda d: text(d.abuse_potential)),
        ("Routes", lambda d: text(d.routes)),
        ("Common side effects", _side_effects),
        ("Withdrawal risk", lambda d: text(d.withdrawal_risk)),
    ]
    return [(label, get(first), get(second)) for label, get in rows]
