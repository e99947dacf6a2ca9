"""Small look-ups over the reference tables that pages and the matcher share."""

from drugs.models import Drug


def class_ids_by_drug(drug_ids) -> dict[int, frozenset[int]]:
    """Return each drug's class ids, in one query."""
    found: dict[int, set[int]] = {}
    rows = Drug.classes.through.objects.filter(drug_id__in=list(drug_ids))
    for drug_id, class_id in rows.values_list("drug_id", "drugclass_id"):
        found.setdefault(drug_id, set()).add(class_id)
    return {drug_id: frozenset(ids) for drug_id, ids in found.items()}
