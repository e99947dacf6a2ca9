"""Load the reference data (drugs/reference/seed.json, then names.json) into an empty or partial
database.

Used by the data migration, so it works with historical models: `get_model(name)` returns the
model class. Rows that already exist (by natural key) are left alone, so an admin's edits win.
"""

import json
from collections.abc import Callable
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify

from drugs.pairs import pair_key, side_key

SEED_PATH = Path(__file__).resolve().parent / "reference" / "seed.json"


def read_seed(path: Path = SEED_PATH) -> dict:
    """Return the parsed seed document."""
    return json.loads(path.read_text(encoding="utf-8"))


def _record_baseline(
    get_model: Callable[[str], type],
    name: str,
    obj,
    *,
    kind: str = "+",
    reason: str = "Loaded from the seed reference data",
) -> None:
    """Write the 'created' history row, so the first admin edit shows what it changed (or,
    with kind "~" or "-", the row of a change or a delete made by a loader)."""
    historical = get_model(f"Historical{name}")
    fields = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    historical.objects.create(
        **fields,
        history_date=timezone.now(),
        history_type=kind,
        history_change_reason=reason,
    )


def load_seed(get_model: Callable[[str], type], data: dict | None = None) -> None:
    """Create every source, class, drug, alias, fact and interaction of the seed that is missing."""
    data = data or read_seed()

    def get_or_create(model_name: str, /, **kwargs):
        obj, created = get_model(model_name).objects.get_or_create(**kwargs)
        if created:
            _record_baseline(get_model, model_name, obj)
        return obj, created

    sources = {}
    for row in data["sources"]:
        sources[row["key"]], _ = get_or_create("Source", key=row["key"], defaults=row)

    classes = {}
    for row in data["classes"]:
        classes[row["slug"]], _ = get_or_create(
            "DrugClass",
            slug=row["slug"],
            defaults={**row, "source": sources[row["source"]]},
        )

    drugs = {}
    for row in data["drugs"]:
        fields = {
            k: v
            for k, v in row.items()
            if k not in {"brands", "other_names", "classes", "sources", "facts", "limits_source"}
        }
        # The seed may carry fields that a later migration adds; keep those the model has now.
        known = {f.name for f in get_model("Drug")._meta.get_fields()}
        fields = {k: v for k, v in fields.items() if k in known}
        if row.get("limits_source"):
            fields["limits_source"] = sources[row["limits_source"]]
        slug = slugify(row["generic_name"])
        drug, created = get_or_create("Drug", slug=slug, defaults=fields)
        drugs[slug] = drug
        if not created:
            continue
        drug.classes.set([classes[c] for c in row["classes"]])
        drug.sources.set([sources[s] for s in row["sources"]])
        for name in row["brands"]:
            get_or_create("DrugAlias", name=name, defaults={"drug": drug, "kind": "brand"})
        for name in row["other_names"]:
            get_or_create("DrugAlias", name=name, defaults={"drug": drug, "kind": "other"})
        fact_fields = {f.name for f in get_model("DrugFact")._meta.get_fields()}
        for position, fact in enumerate(row["facts"]):
            flags = {"urgent": fact.get("urgent", False)} if "urgent" in fact_fields else {}
            get_or_create(
                "DrugFact",
                drug=drug,
                kind=fact["kind"],
                text=fact["text"],
                source=sources[fact["source"]],
                position=position,
                **flags,
            )

    def side(ref: str) -> dict:
        kind, slug = ref.split(":", 1)
        return {"drug": drugs[slug]} if kind == "drug" else {"class": classes[slug]}

    for row in data["interactions"]:
        a, b = side(row["a"]), side(row["b"])
        key = pair_key(
            side_key(getattr(a.get("drug"), "id", None), getattr(a.get("class"), "id", None)),
            side_key(getattr(b.get("drug"), "id", None), getattr(b.get("class"), "id", None)),
        )
        get_or_create(
            "Interaction",
            pair=key,
            defaults={
                "drug_a": a.get("drug"),
                "class_a": a.get("class"),
                "drug_b": b.get("drug"),
                "class_b": b.get("class"),
                "severity": row["severity"],
                "effect": row["effect"],
                "advice": row["advice"],
                "evidence": row["evidence"],
                "source": sources[row["source"]],
            },
        )


def load_combinations(get_model: Callable[[str], type], data: dict | None = None) -> None:
    """Create the seed's combinations that are missing, resolving members by slug."""
    data = data or read_seed()
    Source, Drug, DrugClass = (get_model(n) for n in ("Source", "Drug", "DrugClass"))
    for row in data.get("combinations", []):
        model = get_model("Combination")
        if model.objects.filter(name=row["name"]).exists():
            continue
        combo = model.objects.create(
            name=row["name"],
            severity=row["severity"],
            effect=row["effect"],
            advice=row["advice"],
            evidence=row["evidence"],
            source=Source.objects.get(key=row["source"]),
        )
        _record_baseline(get_model, "Combination", combo)
        for ref in row["members"]:
            kind, slug = ref.split(":", 1)
            member = get_model("CombinationMember").objects.create(
                combination=combo,
                drug=Drug.objects.get(slug=slug) if kind == "drug" else None,
                drug_class=DrugClass.objects.get(slug=slug) if kind == "class" else None,
            )
            _record_baseline(get_model, "CombinationMember", member)


def backfill_drug_fields(
    get_model: Callable[[str], type], names: list[str], data: dict | None = None
) -> None:
    """Fill fields added after the first load from the seed, only where they are still blank."""
    data = data or read_seed()
    Drug = get_model("Drug")
    for row in data["drugs"]:
        drug = Drug.objects.filter(slug=slugify(row["generic_name"])).first()
        if drug is None:
            continue
        changed = [n for n in names if row.get(n) and not getattr(drug, n)]
        for name in changed:
            setattr(drug, name, row[name])
        if changed:
            drug.save(update_fields=changed)


# --- names.json: every name a patient types, the ingredients behind it, and their classes ---

# The drug every `severity_vs_carisoprodol` of names.json is against.
