"""Load the rules that touch a set of drugs and classes, as plain values for the matcher."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from drugs.interactions import Combination, Rule, Side
from drugs.lookups import class_ids_by_drug
from drugs.models import CombinationMember, Evidence, Interaction
from drugs.models.reference import edited_note
from drugs.reference_memo import kept_for_version

RULE_FIELDS = (
    "id",
    "drug_a_id",
    "class_a_id",
    "drug_b_id",
    "class_b_id",
    "severity",
    "effect",
    "advice",
    "evidence",
    "severity_is_app_default",
    "source__key",
    "edited_without_source_at",
    "drug_a__generic_name",
    "class_a__name",
    "drug_b__generic_name",
    "class_b__name",
)


def rules_among(drug_ids: Iterable[int], class_ids: Iterable[int]) -> list[Rule]:
    """Return the rules whose both sides are among the drugs or classes (one indexed query of
    narrow rows: only the columns the matcher and its labels need)."""
    drug_ids, class_ids = list(drug_ids), list(class_ids)
    if not drug_ids and not class_ids:
        return []
    evidence = dict(Evidence.choices)
    rows = Interaction.objects.among(drug_ids, class_ids).values_list(*RULE_FIELDS)
    return [
        Rule(
            id=pk,
            a=Side(drug_a, class_a),
            b=Side(drug_b, class_b),
            severity=severity,
            effect=effect,
            advice=advice,
            evidence=f"{evidence[kind]}; severity: app default"
            if graded_by_app
            else evidence[kind],
            source=edited_note(edited_at) if edited_at else source,
            label=f"{name_a or class_name_a} + {name_b or class_name_b}",
        )
        for (
            pk,
            drug_a,
            class_a,
            drug_b,
            class_b,
            severity,
            effect,
            advice,
            kind,
            graded_by_app,
            source,
            edited_at,
            name_a,
            class_name_a,
            name_b,
            class_name_b,
        ) in rows
    ]


def combinations_among(drug_ids: Iterable[int], class_ids: Iterable[int]) -> list[Combination]:
    """Return the combinations with a member among the drugs or classes, in one query over the
    members of such combinations (a combination needs all its members matched anyway)."""
    drug_ids, class_ids = list(drug_ids), list(class_ids)
    touched = CombinationMember.objects.filter(
        Q(drug__in=drug_ids) | Q(drug_class__in=class_ids)
    ).values("combination_id")
    members = CombinationMember.objects.filter(combination_id__in=touched).select_related(
        "combination__source"
    )
    grouped: dict[int, list] = {}
    for member in members.order_by("combination_id", "pk"):
        grouped.setdefault(member.combination_id, []).append(member)
    result = []
    for rows in grouped.values():
        combo = rows[0].combination
        result.append(
            Combination(
                id=combo.pk,
                name=combo.name,
                members=tuple(Side(m.drug_id, m.drug_class_id) for m in rows),
                severity=combo.severity,
                effect=combo.effect,
                advice=combo.advice,
                evidence=combo.get_evidence_display(),
                source=combo.source_label,
            )
        )
    return result


@dataclass(frozen=True)
class RulesAmong:
    """What the matcher needs for one set of drugs: their classes, the rules between them
    (and their classes) and the combinations touching them. Read-only once built."""

    classes: dict[int, frozenset[int]]
    rules: tuple[Rule, ...]
    combinations: tuple[Combination, ...]


def _build_rules_among(drug_ids: frozenset[int]) -> RulesAmong:
    classes = class_ids_by_drug(drug_ids)
    class_ids = set().union(*classes.values()) if classes else set()
    return RulesAmong(
        classes=classes,
        rules=tuple(rules_among(drug_ids, class_ids)),
        combinations=tuple(combinations_among(drug_ids, class_ids)),
    )


def reference_among(drug_ids: Iterable[int], reference_version: int | None = None) -> RulesAmong:
    """Return the classes, rules and combinations among the drugs: reference data alone, so
    built once per reference version and set of drugs in each process (drugs/reference_memo.py);
    patients on the same medicines share it."""
    key = frozenset(drug_ids)
    return kept_for_version(
        ("among", key), lambda: _build_rules_among(key), version=reference_version, sets=True
    )
