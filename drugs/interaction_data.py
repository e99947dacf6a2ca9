"""Load the rules that touch a set of drugs and classes, as plain values for the matcher."""

from collections.abc import Iterable

from django.db.models import Q

from drugs.interactions import Combination, Rule, Side
from drugs.models import Combination as CombinationRow
from drugs.models import Interaction


def rules_touching(drug_ids: Iterable[int], class_ids: Iterable[int]) -> list[Rule]:
    """Return the rules with a side among the drugs or classes: one query, however many exist."""
    drug_ids, class_ids = list(drug_ids), list(class_ids)
    if not drug_ids and not class_ids:
        return []
    return [
        Rule(
            id=row.pk,
            a=Side(row.drug_a_id, row.class_a_id),
            b=Side(row.drug_b_id, row.class_b_id),
            severity=row.severity,
            effect=row.effect,
            advice=row.advice,
            evidence=row.get_evidence_display(),
            source=row.source.key,
            label=f"{row.side_a_label} + {row.side_b_label}",
        )
        for row in Interaction.objects.touching(drug_ids, class_ids)
    ]


def combinations_touching(drug_ids: Iterable[int], class_ids: Iterable[int]) -> list[Combination]:
    """Return the combinations with a member among the drugs or classes (two queries)."""
    drug_ids, class_ids = list(drug_ids), list(class_ids)
    rows = (
        CombinationRow.objects.filter(
            Q(members__drug__in=drug_ids) | Q(members__drug_class__in=class_ids)
        )
        .distinct()
        .select_related("source")
        .prefetch_related("members")
    )
    return [
        Combination(
            id=row.pk,
            name=row.name,
            members=tuple(Side(m.drug_id, m.drug_class_id) for m in row.members.all()),
            severity=row.severity,
            effect=row.effect,
            advice=row.advice,
            evidence=row.get_evidence_display(),
            source=row.source.key,
        )
        for row in rows
    ]
