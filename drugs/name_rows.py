"""Every name a patient may type, read from the reference tables as rows for drugs.names."""

from drugs.models import Drug, DrugAlias, Product, ProductName
from drugs.names import INGREDIENT, PRODUCT, NameRow


def name_rows() -> list[NameRow]:
    """Return a row for each active drug's generic name and each of its aliases (standing for
    that drug), and for each offered product's name and other names (standing for all of its
    ingredients). A product with a retired ingredient is left out, as the retired drug's own
    names are: it is then not recognized, never recognized as less than it contains. Four
    queries."""
    generic = dict(Drug.objects.active().values_list("id", "generic_name"))
    rows = [NameRow(name, frozenset({name}), INGREDIENT) for name in generic.values()]
    aliases = DrugAlias.objects.filter(drug__active=True).values_list("name", "drug_id")
    rows += [NameRow(name, frozenset({generic[drug_id]}), INGREDIENT) for name, drug_id in aliases]

    offered = Product.objects.offered().values("id")
    links = Product.ingredients.through.objects.filter(product__in=offered).values_list(
        "product_id", "product__name", "drug__generic_name"
    )
    products: dict[int, tuple[str, set[str]]] = {}
    for product_id, name, ingredient in links.order_by("product__name", "drug__generic_name"):
        products.setdefault(product_id, (name, set()))[1].add(ingredient)
    other = ProductName.objects.filter(product__in=offered).values_list("product_id", "name")
    names = [(product_id, name) for product_id, (name, _) in products.items()]
    for product_id, name in [*names, *other]:
        if product_id in products:  # a product without ingredients stands for nothing
            shown, ingredients = products[product_id]
            rows.append(NameRow(name, frozenset(ingredients), PRODUCT, shown_as=shown))
    return rows
