"""Bring a database loaded before the safety rules up to the seed (drugs/reference/seed.json):
facts added since (how and when to take it, missed doses, more cautions, withdrawal seizures),
which symptoms are urgent, the impossible-prescription multiple, and corrected source wording.

Used by a data migration with historical models. An editor's changes win: a fact is added only
when no fact of that drug ever had its kind and text (an editor may have reworded or deleted
it), a field only when it is blank, and wording only while it is still the seed's old wording.
"""

from collections.abc import Callable

from django.db.models import Q
from django.utils.text import slugify

from drugs.loading import _record_baseline, read_seed
from drugs.loading_names import COURSE_DRUG
from drugs.names import read_reference

# The combination's effect used to end with this, which is how the data was made, not a fact.
_INTERNAL_NOTE = " Built from the label's warnings on each pair."
# The CYP2C19-inhibitor rule's first wording, before it said what the label and the review each say.
_CYP2C19_INHIBITOR_OLD_EFFECT = (
    "Raises carisoprodol and lowers meprobamate exposure; more sedation."
)


def add_missing_facts(get_model: Callable[[str], type], data: dict | None = None) -> None:
    """Create the seed's facts a drug lacks and mark the urgent ones, each after the drug's
    existing facts of its kind."""
    data = data or read_seed()
    Drug, DrugFact, Source = (get_model(n) for n in ("Drug", "DrugFact", "Source"))
    history = get_model("HistoricalDrugFact").objects
    for row in data["drugs"]:
        drug = Drug.objects.filter(slug=slugify(row["generic_name"])).first()
        if drug is None:
            continue
        for position, fact in enumerate(row.get("facts", [])):
            same = {"drug_id": drug.id, "kind": fact["kind"], "text": fact["text"]}
            # A fact an editor reworded or deleted is theirs: it is not added again.
            ever = history.filter(**same).values_list("id", flat=True)
            existing = DrugFact.objects.filter(Q(**same) | Q(id__in=ever))
            if existing.exists() or ever.exists():
                if fact.get("urgent"):
                    existing.filter(urgent=False).update(urgent=True)
                continue
            source = Source.objects.filter(key=fact["source"]).first()
            if source is None:
                continue
            created = DrugFact.objects.create(
                drug=drug,
                kind=fact["kind"],
                text=fact["text"],
                source=source,
                position=position,
                urgent=fact.get("urgent", False),
            )
            _record_baseline(get_model, "DrugFact", created)


def fill_new_fields(
    get_model: Callable[[str], type], names: list[str], data: dict | None = None
) -> None:
    """Fill newly added limit fields that are blank, and list them as app defaults where the
    seed does."""
    data = data or read_seed()
    Drug = get_model("Drug")
    for row in data["drugs"]:
        drug = Drug.objects.filter(slug=slugify(row["generic_name"])).first()
        if drug is None:
            continue
        changed = []
        for name in names:
            if row.get(name) is not None and getattr(drug, name) is None:
                setattr(drug, name, row[name])
                changed.append(name)
            defaults = list(drug.app_defaults or [])
            if name in row.get("app_defaults", []) and name not in defaults:
                drug.app_defaults = [*defaults, name]
                changed.append("app_defaults")
        if changed:
            drug.save(update_fields=sorted(set(changed)))


def correct_source_wording(get_model: Callable[[str], type], data: dict | None = None) -> None:
    """Rules cited to a review are secondary evidence, not 'label'; the combination's effect
    loses the note on how it was built."""
    data = data or read_seed()
    Interaction, Combination = get_model("Interaction"), get_model("Combination")
    secondary = {r["source"] for r in data["interactions"] if r["evidence"] == "secondary"}
    # A rule an editor changed keeps what they chose.
    edited = get_model("HistoricalInteraction").objects.filter(history_type="~").values("id")
    for rule in Interaction.objects.filter(
        source__key__in=secondary - {"SOMA-LABEL"},
        evidence="label",
        edited_without_source_at__isnull=True,
    ).exclude(id__in=edited):
        rule.evidence = "secondary"
        rule.save(update_fields=["evidence"])
        _record_baseline(get_model, "Interaction", rule, kind="~", reason="Cited as secondary")
    new_effect = next(
        (r["effect"] for r in data["interactions"] if r["b"] == "class:cyp2c19-inhibitor"), None
    )
    if new_effect:
        Interaction.objects.filter(
            class_b__slug="cyp2c19-inhibitor", effect=_CYP2C19_INHIBITOR_OLD_EFFECT
        ).update(effect=new_effect)
    for combo in Combination.objects.filter(effect__contains=_INTERNAL_NOTE):
        combo.effect = combo.effect.replace(_INTERNAL_NOTE, "")
        combo.save(update_fields=["effect"])
        _record_baseline(get_model, "Combination", combo, kind="~", reason="Wording corrected")


def mark_app_default_severities(get_model: Callable[[str], type]) -> None:
    """Mark the class rules whose severity names.json grades as an app default (the source
    names the interaction, not its grade), while they keep the severity it gave them. The
    seed's class rules are graded by their sources and stay as they are."""
    Interaction = get_model("Interaction")
    graded_by_source = {r["b"] for r in read_seed()["interactions"]}
    for row in read_reference()["classes"]:
        if not row.get("severity_is_app_default") or row["severity_vs_carisoprodol"] == "none":
            continue
        if f"class:{row['slug']}" in graded_by_source:
            continue
        Interaction.objects.filter(
            drug_a__slug=COURSE_DRUG,
            class_b__slug=row["slug"],
            severity=row["severity_vs_carisoprodol"],
            edited_without_source_at__isnull=True,
        ).update(severity_is_app_default=True)
