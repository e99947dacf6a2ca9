"""Public reference pages: drug list with search, drug detail, class detail, comparison."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render

from drugs.models import Drug, DrugAlias, DrugClass, DrugFact, Interaction
from drugs.presenters import comparison_rows, facts_by_kind, rules_from_side

DRUGS_PER_PAGE = 50


def _drug_with_details(slug: str) -> Drug:
    """Return the drug with what its page shows (retired facts left out), or raise 404."""
    facts = DrugFact.objects.active().select_related("source")
    drug = (
        Drug.objects.select_related("limits_source")
        .prefetch_related("aliases", "classes", "sources", Prefetch("facts", queryset=facts))
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
    return render(request, "drugs/drug_list.html", {"page": page, "query": query})


@login_not_required
def drug_detail(request, slug):
    drug = _drug_with_details(slug)
    class_ids = [c.id for c in drug.classes.all()]
    rules = Interaction.objects.touching([drug.id], class_ids)
    context = {
        "drug": drug,
        "facts": facts_by_kind(drug.facts.all()),
        "fact_kinds": DrugFact.FactKind,
        "interactions": rules_from_side(rules, drug_ids={drug.id}, class_ids=set(class_ids)),
    }
    return render(request, "drugs/drug_detail.html", context)


@login_not_required
def class_detail(request, slug):
    drug_class = get_object_or_404(DrugClass.objects.select_related("source"), slug=slug)
    members = drug_class.drugs.active().prefetch_related("aliases")
    rules = Interaction.objects.touching([], [drug_class.id])
    context = {
        "drug_class": drug_class,
        "members": members,
        "interactions": rules_from_side(rules, drug_ids=set(), class_ids={drug_class.id}),
    }
    return render(request, "drugs/class_detail.html", context)


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
    """Return up to ten names (generic or alias) starting with or containing the typed text."""
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
    for drug in (
        Drug.objects.active()
        .filter(generic_name__icontains=query)
        .only("generic_name")[:SUGGESTIONS]
    ):
        results.append({"value": drug.generic_name, "label": drug.generic_name})
    starts = [r for r in results if r["value"].lower().startswith(query.lower())]
    rest = [r for r in results if r not in starts]
    return JsonResponse({"results": (starts + rest)[:SUGGESTIONS]})
