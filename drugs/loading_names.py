"""Load the names reference data (drugs/reference/names.json): classes, ingredients, aliases,
products and class rules against the course drug, creating only what is missing. Used by the data
migration and the tests' reference fixture, with historical models (`get_model(name)`)."""

from collections import Counter
from collections.abc import Callable

from django.db.models import F
from django.db.models.functions import Lower

from drugs.loading import _record_baseline, read_seed
from drugs.names import read_reference
from drugs.pairs import pair_key, side_key
from drugs.severity import Severity
from drugs.slugs import reference_slug

COURSE_DRUG = "carisoprodol"
NAMES_REASON = "Loaded from the names reference data (names.json)"
# Ingredients that are not medicines, by lower-cased generic name (names.json has no kind).
_INGREDIENT_KINDS = {
    "alcohol": "substance",
    "cannabis": "substance",
    "st. john's wort": "supplement",
}
# Rule wordings an earlier seed shipped and a later one rewrote: a rule that still holds the old
# words (no editor changed them) takes the seed's new ones.
SUPERSEDED_EFFECTS = {
    ("drug:carisoprodol", "drug:meprobamate"): (
        "Duplicate therapy: carisoprodol becomes meprobamate; also carbamate hypersensitivity."
    ),
}


def _unique_slug(name: str, taken: set[str], *, prefix: str, max_length: int = 120) -> str:
    """Return a slug for the name that is not in `taken` (and add it there)."""
    base = reference_slug(name, prefix=prefix, max_length=max_length - 4)
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _record(get_model: Callable[[str], type], name: str, obj, *, kind: str, reason: str) -> None:
    """Write the history row of a loader's create ("+"), change ("~") or delete ("-"). A current
    model (the tests' fixture) writes its own through django-simple-history; a migration's
    historical model does not."""
    if not hasattr(type(obj), "history"):
        _record_baseline(get_model, name, obj, kind=kind, reason=reason)


def _bump_version(get_model: Callable[[str], type]) -> None:
    """Move the reference version, so no cached page outlives a load. Typed co-medication names
    are linked at the next change announced through drugs.changes (a migration cannot call the
    apps that follow changes)."""
    version = get_model("ReferenceVersion")
    if not version.objects.filter(pk=1).update(number=F("number") + 1):
        version.objects.get_or_create(pk=1, defaults={"number": 1})


class _NamesLoad:
    """One run of load_names: the rows found or created so far, and the counts."""

    def __init__(self, get_model: Callable[[str], type], data: dict):
        self.get_model = get_model
        self.data = data
        self.counts: Counter = Counter()

    def create(self, model_name: str, /, **fields):
        obj = self.get_model(model_name).objects.create(**fields)
        _record(self.get_model, model_name, obj, kind="+", reason=NAMES_REASON)
        self.counts[f"{model_name} created"] += 1
        return obj

    def run(self) -> Counter:
        self.load_sources()
        self.load_classes()
        self.load_ingredients()
        self.load_aliases()
        self.replace_combination_aliases()
        self.load_products()
        self.load_rules()
        if self.counts:
            _bump_version(self.get_model)
        return self.counts

    def load_sources(self) -> None:
        Source = self.get_model("Source")
        self.sources = {s.key: s for s in Source.objects.all()}
        for row in self.data["sources"]:
            if row["key"] not in self.sources:
                self.sources[row["key"]] = self.create("Source", **row)

    def load_classes(self) -> None:
        """Find each class by slug, then by name; create only the missing ones."""
        existing = list(self.get_model("DrugClass").objects.all())
        by_slug = {c.slug: c for c in existing}
        by_name = {c.name.lower(): c for c in existing}
        self.classes = {}
        for row in self.data["classes"]:
            found = by_slug.get(row["slug"]) or by_name.get(row["name"].lower())
            if found is None:
                found = self.create(
                    "DrugClass",
                    slug=row["slug"],
                    name=row["name"],
                    description=row.get("description", ""),
                    source=self.sources[row["source"]],
                )
            self.classes[row["slug"]] = found

    def load_ingredients(self) -> None:
        """Create the missing ingredients; give existing ones the classes they lack."""
        Drug = self.get_model("Drug")
        existing = list(Drug.objects.all())
        by_name = {d.generic_name.lower(): d for d in existing}
        by_slug = {d.slug: d for d in existing}
        slugs = set(by_slug)
        links = Drug.classes.through.objects.values_list("drug_id", "drugclass_id")
        class_ids: dict[int, set[int]] = {}
        for drug_id, class_id in links:
            class_ids.setdefault(drug_id, set()).add(class_id)
        self.drugs = {}
        for row in self.data["ingredients"]:
            name = row["generic_name"]
            slug = reference_slug(name, prefix="drug")
            drug = by_name.get(name.lower()) or by_slug.get(slug)
            created = drug is None
            if created:
                drug = self.create(
                    "Drug",
                    generic_name=name,
                    slug=_unique_slug(name, slugs, prefix="drug"),
                    kind=_INGREDIENT_KINDS.get(name.lower(), "medicine"),
                )
            wanted = [self.classes[slug] for slug in row["classes"]]
            missing = [c for c in wanted if c.id not in class_ids.get(drug.id, set())]
            if missing:
                drug.classes.add(*missing)
                self.counts["class memberships added"] += len(missing)
            if missing or created:
                drug.sources.add(self.sources[row["source"]])  # what the membership rests on
            self.drugs[name] = drug

    def load_aliases(self) -> None:
        """Add each ingredient's other names that no drug has yet (as a name or an alias)."""
        aliases = self.get_model("DrugAlias").objects.values_list("name", flat=True)
        generic = self.get_model("Drug").objects.values_list("generic_name", flat=True)
        taken = {name.lower() for name in [*aliases, *generic]}
        for row in self.data["ingredients"]:
            drug = self.drugs[row["generic_name"]]
            for name in row["aliases"]:
                if name.lower() not in taken:
                    self.create("DrugAlias", drug=drug, name=name, kind="other")
                    taken.add(name.lower())

    def replace_combination_aliases(self) -> None:
        """Delete the aliases that name a combination product as if it were one of its
        ingredients alone ("Norco" as hydrocodone): the product names all of them."""
        combos = {}
        for row in self.data["products"]:
            if len(row["ingredients"]) > 1:
                for name in (row["name"], *row.get("aliases", ())):
                    combos[name.lower()] = row
        aliases = (
            self.get_model("DrugAlias")
            .objects.annotate(key=Lower("name"))
            .filter(key__in=list(combos))
            .select_related("drug")
        )
        for alias in aliases:
            product = combos[alias.key]
            if alias.drug.generic_name.lower() in {i.lower() for i in product["ingredients"]}:
                reason = f"Replaced by the product {product['name']}, which names every ingredient"
                _record(self.get_model, "DrugAlias", alias, kind="-", reason=reason)
                alias.delete()
                self.counts["DrugAlias deleted"] += 1

    def load_products(self) -> None:
        """Create the missing products with their ingredients, and their missing other names."""
        Product, ProductName = self.get_model("Product"), self.get_model("ProductName")
        products = {p.name.lower(): p for p in Product.objects.all()}
        slugs = set(Product.objects.values_list("slug", flat=True))
        taken = {n.lower() for n in ProductName.objects.values_list("name", flat=True)}
        for row in self.data["products"]:
            product = products.get(row["name"].lower())
            if product is None:
                product = self.create(
                    "Product",
                    name=row["name"],
                    slug=_unique_slug(row["name"], slugs, prefix="product", max_length=200),
                    source=self.sources[row["source"]],
                    label_set_id=row.get("label_set_id") or "",
                )
                product.ingredients.set([self.drugs[name] for name in row["ingredients"]])
                products[row["name"].lower()] = product
            for name in row.get("aliases", ()):
                if name.lower() not in taken and name.lower() not in products:
                    self.create("ProductName", product=product, name=name)
                    taken.add(name.lower())

    def load_rules(self) -> None:
        """Create each class's rule against carisoprodol, and each ingredient's own rule where
        its severity overrides its classes', unless a rule for the pair exists already."""
        course_drug = self.drugs[COURSE_DRUG]
        self.seed_rules = {
            rule["b"]: rule
            for rule in read_seed()["interactions"]
            if rule["a"] == f"drug:{COURSE_DRUG}"
        }
        pairs = set(self.get_model("Interaction").objects.values_list("pair", flat=True))
        classes = {row["slug"]: row for row in self.data["classes"]}
        for slug, row in classes.items():
            if row["severity_vs_carisoprodol"] == "none":
                continue
            other = self.classes[slug]
            key = pair_key(side_key(course_drug.id, None), side_key(None, other.id))
            if key not in pairs:
                self.create_rule(key, course_drug, {"class_b": other}, row, row["source"])
                pairs.add(key)
        for row in self.data["ingredients"]:
            if "severity_override" not in row or row["generic_name"] == COURSE_DRUG:
                continue
            drug = self.drugs[row["generic_name"]]
            key = pair_key(side_key(course_drug.id, None), side_key(drug.id, None))
            if key in pairs:
                continue
            words = self.override_words(row, drug, classes)
            if words is not None:
                source = row["severity_override_source"]
                self.create_rule(key, course_drug, {"drug_b": drug}, words, source)
                pairs.add(key)

    def override_words(self, row: dict, drug, classes: dict) -> dict | None:
        """Return the words of an ingredient's own rule: the seed's rule for it, else those of
        its most severe class with a rule (None when there are neither: no words, no rule)."""
        seeded = self.seed_rules.get(f"drug:{drug.slug}")
        ruled = [
            classes[slug]
            for slug in row["classes"]
            if classes[slug]["severity_vs_carisoprodol"] != "none"
        ]
        ruled.sort(key=lambda c: -Severity(c["severity_vs_carisoprodol"]).rank)
        if seeded is None and not ruled:
            return None
        words = seeded or ruled[0]
        return {
            "severity_vs_carisoprodol": row["severity_override"],
            "effect": words["effect"],
            "advice": words["advice"],
            "evidence": words["evidence"],
        }

    def create_rule(self, key: str, course_drug, other: dict, words: dict, source: str) -> None:
        fields = {f.name for f in self.get_model("Interaction")._meta.get_fields()}
        graded = words.get("severity_is_app_default", False)
        flags = {"severity_is_app_default": graded} if "severity_is_app_default" in fields else {}
        self.create(
            "Interaction",
            pair=key,
            drug_a=course_drug,
            **other,
            severity=words["severity_vs_carisoprodol"],
            effect=words["effect"],
            advice=words["advice"],
            evidence=words["evidence"],
            source=self.sources[source],
            **flags,
        )


def load_names(get_model: Callable[[str], type], data: dict | None = None) -> Counter:
    """Create what names.json holds and the database lacks: sources, classes, ingredients (as
    drugs) and their other names, products, and the rules of each class and each ingredient
    whose severity differs from its classes' against carisoprodol. Existing rows keep their
    values (an editor's edits win): existing drugs only gain missing classes and other names.
    Aliases that name a combination product as one of its ingredients are deleted: the product
    replaces them. Return how many rows of each kind were created or deleted (nothing, when run
    again)."""
    return _NamesLoad(get_model, data or read_reference()).run()


def reword_superseded_rules(get_model: Callable[[str], type], data: dict | None = None) -> int:
    """Give the seed's current words to rules that still hold words an earlier seed shipped;
    return how many changed. A rule an editor reworded is left alone."""
    data = data or read_seed()
    Drug, Interaction = get_model("Drug"), get_model("Interaction")
    changed = 0
    for row in data["interactions"]:
        old = SUPERSEDED_EFFECTS.get((row["a"], row["b"]))
        sides = [ref.split(":", 1) for ref in (row["a"], row["b"])]
        if old is None or any(kind != "drug" for kind, _ in sides):
            continue
        ids = [Drug.objects.filter(slug=s).values_list("id", flat=True).first() for _, s in sides]
        if None in ids:
            continue
        key = pair_key(side_key(ids[0], None), side_key(ids[1], None))
        for rule in Interaction.objects.filter(pair=key, effect=old, edited_without_source_at=None):
            rule.effect = row["effect"]
            rule.save(update_fields=["effect"])
            _record(get_model, "Interaction", rule, kind="~", reason="Reworded by the seed")
            changed += 1
    if changed:
        _bump_version(get_model)
    return changed
