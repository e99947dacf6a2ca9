"""names.json in the database, as the data migration (and the tests' fixture) loads it: every
product with exactly its ingredients and a source, every ingredient with its classes and other
names, every class rule against carisoprodol; rerunning the load creates nothing and keeps an
editor's edits."""

import copy

import pytest
from django.apps import apps

from drugs.interaction_data import combinations_among, rules_among
from drugs.interactions import Agent, check
from drugs.loading import read_seed
from drugs.loading_names import SUPERSEDED_EFFECTS, load_names, reword_superseded_rules
from drugs.lookups import class_ids_by_drug
from drugs.models import (
    Combination,
    Drug,
    DrugAlias,
    DrugClass,
    Interaction,
    Product,
    ProductName,
    ReferenceVersion,
    Source,
)
from drugs.names import read_reference

pytestmark = pytest.mark.django_db

NAMES = read_reference()
TRIPLE = "Opioid + benzodiazepine + carisoprodol"
REFERENCE_MODELS = [Source, DrugClass, Drug, DrugAlias, Product, ProductName, Interaction]


def get_model(name):
    return apps.get_model("drugs", name)


def _drug(generic_name: str) -> Drug:
    return Drug.objects.get(generic_name__iexact=generic_name)


def _rule(a: Drug, *, drug: Drug | None = None, drug_class: DrugClass | None = None):
    """Return the rule between a drug and another drug or a class, in either order."""
    for rule in Interaction.objects.touching([a.id], []):
        sides = {(rule.drug_a_id, rule.class_a_id), (rule.drug_b_id, rule.class_b_id)}
        other = (drug.id, None) if drug else (None, drug_class.id)
        if sides == {(a.id, None), other}:
            return rule
    return None


def _findings(*comedications: str):
    """Return what the matcher finds for a carisoprodol course and the co-medications."""
    drugs = [_drug("carisoprodol"), *(_drug(name) for name in comedications)]
    classes = class_ids_by_drug([d.id for d in drugs])
    agents = [
        Agent(f"agent:{i}", d.generic_name, frozenset({d.id}), classes.get(d.id, frozenset()))
        for i, d in enumerate(drugs)
    ]
    drug_ids = {d.id for d in drugs}
    class_ids = set().union(*classes.values())
    return check(agents, rules_among(drug_ids, class_ids), combinations_among(drug_ids, class_ids))


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in REFERENCE_MODELS}


def test_every_product_exists_with_exactly_its_ingredients_and_its_source():
    products = {p.name: p for p in Product.objects.prefetch_related("ingredients", "other_names")}
    assert len(products) == len(NAMES["products"]) == 176
    for row in NAMES["products"]:
        product = products[row["name"]]
        ingredients = {d.generic_name for d in product.ingredients.all()}
        assert ingredients == set(row["ingredients"]), row["name"]
        assert product.source.key == row["source"], row["name"]
        assert product.label_set_id == (row["label_set_id"] or ""), row["name"]
        assert {n.name for n in product.other_names.all()} == set(row["aliases"]), row["name"]
        assert product.active and product.slug


def test_a_product_with_a_label_cites_that_label():
    tylenol_3 = Product.objects.get(name="Tylenol #3")
    assert tylenol_3.source.key == "TYLENOL-CODEINE-LABEL"
    assert tylenol_3.label_set_id in tylenol_3.source.identifier
    assert set(tylenol_3.other_names.values_list("name", flat=True)) == {
        "Tylenol 3",
        "Tylenol with Codeine #3",
    }


def test_every_ingredient_is_a_drug_with_its_classes_other_names_and_a_source():
    for row in NAMES["ingredients"]:
        drug = _drug(row["generic_name"])
        assert set(row["classes"]) <= set(drug.classes.values_list("slug", flat=True)), drug
        assert drug.sources.exists(), drug
        for alias in row["aliases"]:
            found = DrugAlias.objects.get(name__iexact=alias)
            assert found.drug == drug, alias


def test_new_ingredients_are_of_the_right_kind_and_cite_their_class_source():
    cannabis = _drug("cannabis")
    assert cannabis.kind == "substance"
    assert list(cannabis.sources.values_list("key", flat=True)) == ["SOMA-LABEL"]
    assert _drug("tapentadol").kind == "medicine"
    assert set(_drug("tapentadol").sources.values_list("key", flat=True)) == {
        "FDA-2016-OPIOID-BENZO"
    }
    assert _drug("alcohol").kind == "substance"
    assert _drug("St. John's Wort").kind == "supplement"


def test_every_class_with_a_severity_has_its_rule_against_carisoprodol():
    carisoprodol = _drug("carisoprodol")
    for row in NAMES["classes"]:
        rule = _rule(carisoprodol, drug_class=DrugClass.objects.get(slug=row["slug"]))
        if row["severity_vs_carisoprodol"] == "none":
            assert rule is None, row["slug"]
            continue
        assert rule is not None, row["slug"]
        assert rule.severity == row["severity_vs_carisoprodol"], row["slug"]
        assert rule.source_id and rule.effect and rule.advice, row["slug"]


def test_a_new_class_rule_takes_its_words_and_source_from_names_json():
    row = next(c for c in NAMES["classes"] if c["slug"] == "gabapentinoid")
    rule = _rule(_drug("carisoprodol"), drug_class=DrugClass.objects.get(slug="gabapentinoid"))
    assert (rule.effect, rule.advice, rule.evidence) == (row["effect"], row["advice"], "label")
    assert rule.source.key == "FDA-2019-GABAPENTINOIDS"


def test_every_severity_override_is_a_rule_of_the_ingredient_itself():
    carisoprodol = _drug("carisoprodol")
    for row in NAMES["ingredients"]:
        if "severity_override" in row:
            rule = _rule(carisoprodol, drug=_drug(row["generic_name"]))
            assert rule.severity == row["severity_override"], row["generic_name"]


def test_carisoprodol_or_meprobamate_as_a_comedication_is_duplicate_therapy_said_plainly():
    for comedication, words in [
        ("carisoprodol", "the drug of your course"),
        ("meprobamate", "what carisoprodol (the drug of your course) becomes in the body"),
    ]:
        top = _findings(comedication)[0]
        assert top.severity == "contraindicated", comedication
        assert words in top.effect and "doubles the dose" in top.effect, comedication
        assert top.source == "SOMA-LABEL"
        assert "additive" not in top.effect.lower()


def test_a_combination_product_ingredient_meets_the_triple_rule():
    combination = Combination.objects.get(name=TRIPLE)
    members = {(m.drug_id, m.drug_class_id) for m in combination.members.all()}
    opioid = DrugClass.objects.get(slug="opioid")
    benzodiazepine = DrugClass.objects.get(slug="benzodiazepine")
    assert members == {
        (_drug("carisoprodol").id, None),
        (None, opioid.id),
        (None, benzodiazepine.id),
    }
    for row in NAMES["ingredients"]:
        for slug in {"opioid", "benzodiazepine"} & set(row["classes"]):
            assert (
                DrugClass.objects.get(slug=slug)
                .drugs.filter(generic_name=row["generic_name"])
                .exists()
            ), row["generic_name"]
    # Two ingredients names.json added: a new opioid and a new benzodiazepine.
    assert _findings("tapentadol", "remimazolam")[0].combination == TRIPLE


def test_norco_and_vicodin_are_products_of_hydrocodone_and_acetaminophen_not_aliases():
    assert not DrugAlias.objects.filter(name__in=["Norco", "Vicodin"]).exists()
    for name in ["Norco", "Vicodin"]:
        product = Product.objects.get(name=name)
        assert set(product.ingredients.values_list("generic_name", flat=True)) == {
            "hydrocodone",
            "acetaminophen",
        }


def test_no_seed_alias_names_a_combination_product():
    combinations = {
        name.lower()
        for row in NAMES["products"]
        if len(row["ingredients"]) > 1
        for name in (row["name"], *row["aliases"])
    }
    seeded = {
        name.lower() for row in read_seed()["drugs"] for name in row["brands"] + row["other_names"]
    }
    assert not seeded & combinations
    aliases = {name.lower() for name in DrugAlias.objects.values_list("name", flat=True)}
    assert not aliases & combinations


def test_loading_again_creates_nothing_and_moves_no_version():
    before, version = _counts(), ReferenceVersion.current()
    assert load_names(get_model) == {}
    assert reword_superseded_rules(get_model) == 0
    assert _counts() == before
    assert ReferenceVersion.current() == version


def test_loading_again_keeps_an_editors_changes():
    rule = _rule(_drug("carisoprodol"), drug_class=DrugClass.objects.get(slug="z-drug"))
    rule.severity = "major"
    rule.save()
    Product.objects.filter(name="Percocet").update(source=Source.objects.get(key="RXNORM"))
    Product.objects.get(name="Percocet").ingredients.remove(_drug("acetaminophen"))
    DrugClass.objects.filter(slug="cannabis").update(description="Edited by an editor.")

    assert load_names(get_model) == {}

    rule.refresh_from_db()
    assert rule.severity == "major"
    percocet = Product.objects.get(name="Percocet")
    assert percocet.source.key == "RXNORM"
    assert list(percocet.ingredients.values_list("generic_name", flat=True)) == ["oxycodone"]
    assert DrugClass.objects.get(slug="cannabis").description == "Edited by an editor."


def test_loading_creates_what_went_missing_and_announces_it():
    Product.objects.filter(name="Percocet").delete()
    Interaction.objects.filter(drug_b__slug="baclofen").delete()
    version = ReferenceVersion.current()

    counts = load_names(get_model)

    assert counts == {"Product created": 1, "Interaction created": 1}
    percocet = Product.objects.get(name="Percocet")
    assert set(percocet.ingredients.values_list("generic_name", flat=True)) == {
        "oxycodone",
        "acetaminophen",
    }
    baclofen = _rule(_drug("carisoprodol"), drug=_drug("baclofen"))
    assert (baclofen.severity, baclofen.source.key) == ("major", "PATIENT-PAGE")
    seeded = next(r for r in read_seed()["interactions"] if r["b"] == "drug:baclofen")
    assert (baclofen.effect, baclofen.evidence) == (seeded["effect"], "secondary")
    assert ReferenceVersion.current() > version


def test_an_override_without_a_seeded_rule_takes_its_classes_words_or_makes_no_rule():
    data = copy.deepcopy(NAMES)
    for row in data["ingredients"]:
        if row["generic_name"] in {"tapentadol", "caffeine"}:
            row.update(severity_override="contraindicated", severity_override_source="SOMA-LABEL")

    assert load_names(get_model, data) == {"Interaction created": 1}

    carisoprodol = _drug("carisoprodol")
    tapentadol = _rule(carisoprodol, drug=_drug("tapentadol"))
    opioid = next(c for c in NAMES["classes"] if c["slug"] == "opioid")
    assert (tapentadol.severity, tapentadol.source.key) == ("contraindicated", "SOMA-LABEL")
    assert (tapentadol.effect, tapentadol.advice) == (opioid["effect"], opioid["advice"])
    assert _rule(carisoprodol, drug=_drug("caffeine")) is None  # no words to say it with


def test_an_existing_drug_gains_its_missing_classes_and_other_names():
    gabapentin = _drug("gabapentin")
    gabapentin.classes.remove(DrugClass.objects.get(slug="gabapentinoid"))
    DrugAlias.objects.filter(name="THC").delete()

    counts = load_names(get_model)

    assert counts == {"class memberships added": 1, "DrugAlias created": 1}
    assert gabapentin.classes.filter(slug="gabapentinoid").exists()
    assert DrugAlias.objects.get(name="THC").drug == _drug("cannabis")


def test_an_alias_that_names_a_combination_product_is_replaced_by_the_product():
    hydrocodone = _drug("hydrocodone")
    DrugAlias.objects.create(drug=hydrocodone, name="Norco", kind="brand")
    DrugAlias.objects.create(drug=hydrocodone, name="VICODIN", kind="brand")

    counts = load_names(get_model)

    assert counts == {"DrugAlias deleted": 2}
    assert not DrugAlias.objects.filter(name__iexact="norco").exists()
    assert not DrugAlias.objects.filter(name__iexact="vicodin").exists()
    assert hydrocodone.aliases.filter(name="Hysingla").exists()


def test_the_old_duplicate_therapy_words_are_replaced_unless_an_editor_changed_them():
    meprobamate = _rule(_drug("carisoprodol"), drug=_drug("meprobamate"))
    old = SUPERSEDED_EFFECTS[("drug:carisoprodol", "drug:meprobamate")]
    Interaction.objects.filter(pk=meprobamate.pk).update(effect=old)

    assert reword_superseded_rules(get_model) == 1
    meprobamate.refresh_from_db()
    assert "what carisoprodol (the drug of your course) becomes" in meprobamate.effect

    Interaction.objects.filter(pk=meprobamate.pk).update(effect="An editor's words.")
    assert reword_superseded_rules(get_model) == 0
    meprobamate.refresh_from_db()
    assert meprobamate.effect == "An editor's words."
