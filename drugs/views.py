"""Public reference pages: drug list with search, drug, class and product detail, comparison."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from drugs.models import Drug, DrugAlias, DrugClass, DrugFact, Interaction, Product, ProductName
from drugs.name_lookup import look_up
from drugs.presenters import (
    comparison_rows,
    fact_sections,
    limit_rows,
    products_containing,
    rules_by_ingredient,
    rules_from_side,
)
from drugs.reference_memo import kept_for_version

DRUGS_PER_PAGE = 50
PRODUCTS_FOUND = 20


def _products_with_ingredients() -> Prefetch:
    """Prefetch a drug's products (not retired) with all their ingredients."""
    products = Product.objects.active().prefetch_related("ingredients")
    return Prefetch("products", queryset=products)


def _rules_touching(drug_ids, class_ids) -> list[Interaction]:
    """Return the rules that reach the drugs or classes, with the classes of the drugs on
    either side: a drug whose own rule adds nothing to its class's is shown in the class's row."""
    rules = list(Interaction.objects.touching(drug_ids, class_ids))
    # One query for the classes of both sides' drugs, not one a side.
    prefetch_related_objects([d for r in rules for d in (r.drug_a, r.drug_b) if d], "classes")
    return rules


def _drug_with_details(slug: str) -> Drug:
    """Return the drug with what its page shows (retired facts left out), or raise 404."""
    facts = DrugFact.objects.active().select_related("source")
    drug = (
        Drug.objects.select_related("limits_source")
        .prefetch_related(
            "aliases",
            "classes",
            "sources",
            Prefetch("facts", queryset=facts),
            _products_with_ingredients(),
        )
        .filter(slug=slug)
        .first()
    )
    if drug is None:
        raise Http404(f"No drug called “{slug}” in our reference data.")
    return drug


@login_not_required
def drug_list(request):
    query = request.GET.get("q", "")[:100]
    drugs = Drug.objects.active().search(query).prefetch_related("aliases", "classes")
    page = Paginator(drugs, DRUGS_PER_PAGE).get_page(request.GET.get("page"))
    products = []
    if query.strip():
        found = Product.objects.offered().search(query).prefetch_related("ingredients")
        products = list(found[:PRODUCTS_FOUND])
    suggestions = ()
    if query.strip() and not products and not page.object_list:  # a misspelling, perhaps
        suggestions = look_up(query).suggestions[:3]
    context = {"page": page, "query": query, "products": products, "suggestions": suggestions}
    return render(request, "drugs/drug_list.html", context)


def _drug_page(slug: str) -> dict:
    """Return the drug page's context and its content, rendered: reference data alone."""
    drug = _drug_with_details(slug)
    class_ids = [c.id for c in drug.classes.all()]
    rules = _rules_touching([drug.id], class_ids)
    context = {
        "drug": drug,
        "fact_sections": fact_sections(drug.facts.all()),
        "limits": limit_rows(drug),
        "products": products_containing(drug),
        "interactions": rules_from_side(rules, drug_ids={drug.id}, class_ids=set(class_ids)),
    }
    context["content"] = render_to_string("drugs/drug_detail_content.html", context)
    return context


@login_not_required
def drug_detail(request, slug):
    page = kept_for_version(("drug page", slug), lambda: _drug_page(slug))
    return render(request, "drugs/drug_detail.html", page)


def _class_page(slug: str) -> dict:
    """Return the class page's context and its content, rendered: reference data alone."""
    drug_class = get_object_or_404(DrugClass.objects.select_related("source"), slug=slug)
    members = drug_class.drugs.active().prefetch_related("aliases", _products_with_ingredients())
    rules = _rules_touching([], [drug_class.id])
    context = {
        "drug_class": drug_class,
        "members": [(member, products_containing(member)) for member in members],
        "interactions": rules_from_side(rules, drug_ids=set(), class_ids={drug_class.id}),
    }
    context["content"] = render_to_string("drugs/class_detail_content.html", context)
    return context


@login_not_required
def class_detail(request, slug):
    page = kept_for_version(("class page", slug), lambda: _class_page(slug))
    return render(request, "drugs/class_detail.html", page)


@login_not_required
def product_detail(request, slug):
    product = get_object_or_404(
        Product.objects.select_related("source").prefetch_related(
            "other_names",
            Prefetch("ingredients", queryset=Drug.objects.prefetch_related("classes")),
        ),
        slug=slug,
    )
    ingredients = list(product.ingredients.all())
    class_ids = {c.id for drug in ingredients for c in drug.classes.all()}
    rules = _rules_touching([d.id for d in ingredients], class_ids)
    context = {"product": product, "ingredients": rules_by_ingredient(rules, ingredients)}
    return render(request, "drugs/product_detail.html", context)


@login_not_required
def drug_compare(request):
    slug_a = request.GET.get("a", "carisoprodol")
    slug_b = request.GET.get("b", "baclofen")
    first, second = _drug_with_details(slug_a), _drug_with_details(slug_b)
    context = {
        "first": first,
        "second": second,
        "rows": comparison_rows(first, second),
        "all_drugs": Drug.objects.filter(Q(active=True) | Q(pk__in=[first.pk, second.pk])).only(
            "slug", "generic_name"
        ),
    }
    return render(request, "drugs/drug_compare.html", context)


SUGGESTIONS = 10


@login_not_required
def drug_suggest(request):
    """Return up to ten names (generic, alias, product or a product's other name) starting with
    or containing the typed text, then close misspellings, each with the ingredients it stands
    for."""
    query = request.GET.get("q", "").strip()[:60]
    if len(query) < 2:
        return JsonResponse({"results": []})
    results = []
    aliases = (
        DrugAlias.objects.filter(name__icontains=query, drug__active=True)
        .select_related("drug")
        .order_by("name")[:SUGGESTIONS]
    )
    for alias in aliases:
        results.append({"value": alias.name, "label": f"{alias.name} ({alias.drug.generic_name})"})
    offered = Product.objects.offered()
    products = offered.filter(name__icontains=query).prefetch_related("ingredients")
    for product in products[:SUGGESTIONS]:
        results.append({"value": product.name, "label": _product_label(product.name, product)})
    other_names = (
        ProductName.objects.filter(name__icontains=query, product__in=offered)
        .select_related("product")
        .prefetch_related("product__ingredients")
        .order_by("name")[:SUGGESTIONS]
    )
    for other in other_names:
        results.append({"value": other.name, "label": _product_label(other.name, other.product)})
    for drug in (
        Drug.objects.active()
        .filter(generic_name__icontains=query)
        .only("generic_name")[:SUGGESTIONS]
    ):
        results.append({"value": drug.generic_name, "label": drug.generic_name})
    # Close misspellings ("klonipin"), from the same matcher as the add form's "Did you mean".
    for close in look_up(query).suggestions:
        ingredients = " + ".join(close.ingredients)
        label = close.name if ingredients == close.name else f"{close.name} ({ingredients})"
        results.append({"value": close.name, "label": label})
    unique = []  # "Xanax" is both a brand of alprazolam and a product: offer it once
    for result in results:
        if all(r["value"].casefold() != result["value"].casefold() for r in unique):
            unique.append(result)
    starts = [r for r in unique if r["value"].lower().startswith(query.lower())]
    rest = [r for r in unique if r not in starts]
    return JsonResponse({"results": (starts + rest)[:SUGGESTIONS]})


def _product_label(typed: str, product: Product) -> str:
    """Return "Percocet (oxycodone + acetaminophen)", or "Tylenol 3 (Tylenol #3: …)"."""
    ingredients = " + ".join(d.generic_name for d in product.ingredients.all())
    if typed == product.name:
        return f"{typed} ({ingredients})"
    return f"{typed} ({product.name}: {ingredients})"
