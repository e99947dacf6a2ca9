"""The names a patient may type, read from the reference tables: every name of names.json is
there with the same ingredients, in a fixed number of queries, and retired rows are left out."""

import pytest

from drugs.models import Drug, Product, ProductName
from drugs.name_rows import name_rows
from drugs.names import (
    INGREDIENT,
    PRODUCT,
    build_index,
    index_from_reference,
    read_reference,
    resolve,
)

pytestmark = pytest.mark.django_db

NAMES = read_reference()


def _by_name() -> dict[str, set]:
    found: dict[str, set] = {}
    for row in name_rows():
        found.setdefault(row.name, set()).add((row.ingredients, row.kind, row.display))
    return found


def test_every_product_and_its_other_names_stand_for_its_ingredients():
    rows = _by_name()
    for product in NAMES["products"]:
        meaning = (frozenset(product["ingredients"]), PRODUCT, product["name"])
        for name in (product["name"], *product["aliases"]):
            assert meaning in rows[name], name


def test_every_ingredient_and_its_other_names_stand_for_the_ingredient():
    rows = _by_name()
    for ingredient in NAMES["ingredients"]:
        generic = ingredient["generic_name"]
        for name in (generic, *ingredient["aliases"]):
            stored = name if name in rows else _stored_alias(name)
            assert (frozenset({generic}), INGREDIENT, stored) in rows[stored], name


def _stored_alias(name: str) -> str:
    """Return an alias as the seed spells it ("Hypericum" for names.json's "hypericum")."""
    return Drug.objects.get(aliases__name__iexact=name).aliases.get(name__iexact=name).name


def test_the_index_built_from_the_database_means_what_names_json_means():
    from_db = build_index(name_rows())
    for key, entry in index_from_reference(NAMES).entries.items():
        assert from_db.entries[key].meanings == entry.meanings, key
    assert from_db.conflicts() == {}
    assert resolve("Norco 10/325", from_db).ingredients == ("acetaminophen", "hydrocodone")
    assert resolve("tylenol 3", from_db).ingredients == ("acetaminophen", "codeine")


def test_it_reads_every_name_in_four_queries(django_assert_num_queries):
    # Guards a query per drug's aliases or per product's ingredients or other names.
    for n in range(5):
        product = Product.objects.create(name=f"Extra {n}", slug=f"extra-{n}", source_id=1)
        product.ingredients.set(Drug.objects.all()[:2])
        ProductName.objects.create(product=product, name=f"Extra other {n}")
    with django_assert_num_queries(4):
        name_rows()


def test_retired_drugs_products_and_products_of_retired_drugs_are_left_out():
    Drug.objects.filter(slug="oxycodone").update(active=False)
    Product.objects.filter(name="Norco").update(active=False)
    names = {row.name for row in name_rows()}
    assert "oxycodone" not in names and "OxyContin" not in names
    assert "Percocet" not in names  # oxycodone and acetaminophen: not acetaminophen alone
    assert "Norco" not in names
    assert {"Vicodin", "acetaminophen", "Tylenol"} <= names


def test_a_product_without_ingredients_stands_for_nothing():
    Product.objects.create(name="Emptyco", slug="emptyco", source_id=1)
    assert "Emptyco" not in {row.name for row in name_rows()}
