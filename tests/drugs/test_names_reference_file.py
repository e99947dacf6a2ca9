"""The reference data itself (drugs/reference/names.json): sources, classes, ingredients and
products consistent with each other and with the seed."""

import json
import re

from drugs.loading import SEED_PATH
from drugs.names import (
    INGREDIENT,
    NAMES_PATH,
    NameRow,
    build_index,
    index_from_reference,
    normalize,
    read_reference,
    resolve,
)
from tests.drugs.typed_names import (
    BRANDS,
    GENERIC_NAMES,
)

NAMES = read_reference()
SEED = json.loads(SEED_PATH.read_text(encoding="utf-8"))
INDEX = index_from_reference(NAMES)

SEVERITIES = {"contraindicated", "major", "moderate", "minor", "none"}
SET_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _source_keys():
    return {s["key"] for s in NAMES["sources"]} | {s["key"] for s in SEED["sources"]}


def test_the_reference_file_is_where_the_module_reads_it():
    assert NAMES_PATH.name == "names.json" and NAMES_PATH.exists()


def test_new_sources_do_not_repeat_the_seed():
    mine = [s["key"] for s in NAMES["sources"]]
    assert len(mine) == len(set(mine))
    assert not set(mine) & {s["key"] for s in SEED["sources"]}
    for source in NAMES["sources"]:
        assert set(source) == {"key", "title", "publisher", "identifier", "url", "licence"}
    assert {"FDA-2016-OPIOID-BENZO", "FDA-2019-GABAPENTINOIDS", "FDA-CYP-TABLE"} <= set(mine)


def test_every_row_names_a_source_that_exists():
    keys = _source_keys()
    rows = [*NAMES["classes"], *NAMES["ingredients"], *NAMES["products"]]
    assert all(row["source"] in keys for row in rows)
    overrides = [i for i in NAMES["ingredients"] if "severity_override" in i]
    assert all(i["severity_override_source"] in keys for i in overrides)


def test_every_class_has_a_default_severity_and_wording():
    for row in NAMES["classes"]:
        assert row["severity_vs_carisoprodol"] in SEVERITIES
        assert row["severity_is_app_default"] is True
        assert row["evidence"] in {"label", "secondary"}
        assert row["name"] and row["description"] and row["advice"] and row["effect"]


def test_reused_class_slugs_keep_the_seed_name():
    seed = {c["slug"]: c for c in SEED["classes"]}
    for row in NAMES["classes"]:
        if row["slug"] in seed:
            assert row["name"] == seed[row["slug"]]["name"]


def test_every_ingredient_class_is_defined():
    slugs = {c["slug"] for c in NAMES["classes"]}
    assert len(slugs) == len(NAMES["classes"])
    for row in NAMES["ingredients"]:
        assert set(row["classes"]) <= slugs, row["generic_name"]
        assert row.get("severity_override", "none") in SEVERITIES


def test_every_product_ingredient_exists():
    known = {row["generic_name"] for row in NAMES["ingredients"]}
    assert len(known) == len(NAMES["ingredients"])
    for row in NAMES["products"]:
        assert row["ingredients"] and set(row["ingredients"]) <= known, row["name"]


def test_a_set_id_is_recorded_on_the_product_and_its_source():
    sources = {s["key"]: s for s in [*NAMES["sources"], *SEED["sources"]]}
    with_ids = [p for p in NAMES["products"] if p["label_set_id"] is not None]
    assert with_ids
    for row in with_ids:
        assert SET_ID.match(row["label_set_id"]), row["name"]
        assert row["label_set_id"] in sources[row["source"]]["identifier"], row["name"]


def test_no_two_names_mean_different_ingredients():
    assert INDEX.conflicts() == {}


def test_product_names_are_unique():
    names = [normalize(p["name"], keep_numbers=True) for p in NAMES["products"]]
    # Release forms share a key with their brand on purpose: both mean the same ingredients.
    same = {"xanax", "ambien", "lyrica", "nucynta", "opana"}
    assert {n for n in names if names.count(n) > 1} == same


def test_the_shared_list_drops_nothing_unexplained():
    products = {normalize(p["name"]) for p in NAMES["products"]}
    assert {normalize(name) for name in BRANDS} <= products
    generics = {i["generic_name"] for i in NAMES["ingredients"]}
    assert set(GENERIC_NAMES) <= generics
    assert not {"fluoxetine", "ticlopidine", "voriconazole", "felbamate"} & generics
    assert not {"efavirenz", "enzalutamide", "phenytoin"} & generics
    assert "FDA-CYP-TABLE" in NAMES["note"] and "fluoxetine" in NAMES["note"]


def test_a_name_in_another_script_does_not_break_the_index():
    index = build_index(
        [
            NameRow("морфин", frozenset({"morphine"}), INGREDIENT),
            NameRow("morphine", frozenset({"morphine"}), INGREDIENT),
        ]
    )
    assert resolve("morphine 10 mg", index).ingredients == ("morphine",)
