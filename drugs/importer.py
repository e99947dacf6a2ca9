"""Import drugs, aliases, classes and interaction rules from one CSV file, all or nothing.

Columns (header row required): type, name, other, severity, effect, advice, evidence, source,
classes, aliases, rxcui. One row per record; `type` says which:

- class: name = class name; source = source key.
- drug: name = generic name; rxcui; classes = class names or slugs separated by ";";
  aliases = names separated by ";"; source = source key.
- alias: name = the alias; other = the drug's generic name (or another alias of it).
- interaction: name and other = the two sides, each a drug (generic name or alias) or
  "class:<class name or slug>"; severity = contraindicated, major, moderate or minor;
  effect; advice; evidence = label or secondary; source = source key.

Rows may use drugs and classes defined by earlier rows of the same file. Any bad row rejects the
whole file with a report of every bad row; a good file creates or updates rows with history.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from drugs.models import (
    Drug,
    DrugAlias,
    DrugClass,
    Evidence,
    Interaction,
    ReferenceVersion,
    Severity,
    Source,
)
from drugs.pairs import pair_key

COLUMNS = [
    "type",
    "name",
    "other",
    "severity",
    "effect",
    "advice",
    "evidence",
    "source",
    "classes",
    "aliases",
    "rxcui",
]


@dataclass
class ImportReport:
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, why)
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Registry:
    """Drugs, classes and sources known so far: the database plus rows earlier in the file."""

    def __init__(self):
        self.sources = {s.key.lower(): s for s in Source.objects.all()}
        self.classes = {}
        for c in DrugClass.objects.all():
            self.classes[c.name.lower()] = self.classes[c.slug.lower()] = c
        by_id = {d.pk: d for d in Drug.objects.all()}
        self.drugs = {d.generic_name.lower(): d for d in by_id.values()}
        for alias_name, drug_id in DrugAlias.objects.values_list("name", "drug_id"):
            self.drugs.setdefault(alias_name.lower(), by_id[drug_id])

    def side(self, text: str):
        text = text.strip()
        if text.lower().startswith("class:"):
            return self.classes.get(text[6:].strip().lower())
        return self.drugs.get(text.lower())


def run_import(text: str) -> ImportReport:
    """Validate every row, then write all of them in one transaction, or none."""
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text))
    missing = set(COLUMNS[:2]) - set(reader.fieldnames or [])
    if missing:
        report.errors.append((1, f"the header lacks the columns: {', '.join(sorted(missing))}"))
        return report
    registry = _Registry()
    plans = {"class": [], "drug": [], "alias": [], "interaction": []}
    for line, row in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k}
        kind = row.get("type", "").lower()
        error = _plan(kind, row, registry, plans)
        if error:
            report.errors.append((line, error))
    if report.errors:
        return report
    with transaction.atomic():
        _apply(plans, report)
        ReferenceVersion.bump()
    return report


def _source(row, registry):
    key = row.get("source", "")
    if not key:
        return None, "missing source"
    source = registry.sources.get(key.lower())
    return source, None if source else f"unknown source {key!r}"


def _plan(kind, row, registry, plans) -> str | None:
    name = row.get("name", "")
    if not name:
        return "missing name"
    if kind == "class":
        source, error = _source(row, registry)
        if error:
            return error
        existing = registry.classes.get(name.lower())
        drug_class = existing or DrugClass(name=name, slug=slugify(name)[:120], source=source)
        drug_class.source = source
        registry.classes[name.lower()] = registry.classes[drug_class.slug] = drug_class
        plans["class"].append(drug_class)
    elif kind == "drug":
        source, error = _source(row, registry)
        if error:
            return error
        classes = [c.strip() for c in row.get("classes", "").split(";") if c.strip()]
        unknown = [c for c in classes if c.lower() not in registry.classes]
        if unknown:
            return f"unknown class {unknown[0]!r}"
        drug = registry.drugs.get(name.lower()) or Drug(generic_name=name, slug=slugify(name)[:120])
        drug.rxcui = row.get("rxcui", "") or drug.rxcui
        registry.drugs[name.lower()] = drug
        aliases = [a.strip() for a in row.get("aliases", "").split(";") if a.strip()]
        plans["drug"].append(
            (drug, [registry.classes[c.lower()] for c in classes], aliases, source)
        )
        for alias in aliases:
            registry.drugs.setdefault(alias.lower(), drug)
    elif kind == "alias":
        drug = registry.drugs.get(row.get("other", "").lower())
        if drug is None:
            return f"unknown drug {row.get('other', '')!r}"
        plans["alias"].append((name, drug))
        registry.drugs.setdefault(name.lower(), drug)
    elif kind == "interaction":
        a, b = registry.side(name), registry.side(row.get("other", ""))
        if a is None:
            return f"unknown drug or class {name!r}"
        if b is None:
            return f"unknown drug or class {row.get('other', '')!r}"
        if a is b:
            return "a drug or class cannot interact with itself"
        if row.get("severity", "").lower() not in Severity.values:
            return f"bad severity {row.get('severity', '')!r} (use {', '.join(Severity.values)})"
        evidence = row.get("evidence", "").lower() or Evidence.LABEL
        if evidence not in Evidence.values:
            return f"bad evidence {row.get('evidence', '')!r} (use label or secondary)"
        if not row.get("effect") or not row.get("advice"):
            return "missing effect or advice"
        source, error = _source(row, registry)
        if error:
            return error
        plans["interaction"].append(
            (a, b, row["severity"].lower(), row["effect"], row["advice"], evidence, source)
        )
    else:
        return f"unknown type {kind!r} (use class, drug, alias or interaction)"
    return None


def _side_fields(prefix: str, side) -> dict:
    if isinstance(side, Drug):
        return {f"drug_{prefix}": side, f"class_{prefix}": None}
    return {f"drug_{prefix}": None, f"class_{prefix}": side}


def _key(side) -> str:
    return f"d{side.pk}" if isinstance(side, Drug) else f"c{side.pk}"


def _apply(plans, report: ImportReport) -> None:
    for drug_class in plans["class"]:
        created = drug_class.pk is None
        drug_class.save()
        _count(report, "classes", created)
    for drug, classes, aliases, source in plans["drug"]:
        created = drug.pk is None
        drug.save()
        drug.sources.add(source)
        if classes:
            drug.classes.add(*classes)
        for alias in aliases:
            DrugAlias.objects.get_or_create(name=alias, defaults={"drug": drug})
        _count(report, "drugs", created)
    for name, drug in plans["alias"]:
        _, created = DrugAlias.objects.get_or_create(name=name, defaults={"drug": drug})
        _count(report, "aliases", created)
    existing = {
        r.pair: r
        for r in Interaction.objects.filter(
            pair__in=[pair_key(_key(a), _key(b)) for a, b, *_ in plans["interaction"]]
        )
    }
    new, changed = {}, {}
    for a, b, severity, effect, advice, evidence, source in plans["interaction"]:
        key = pair_key(_key(a), _key(b))
        rule = (
            existing.get(key)
            or new.get(key)
            or Interaction(pair=key, **_side_fields("a", a), **_side_fields("b", b))
        )
        rule.severity, rule.effect, rule.advice, rule.evidence, rule.source = (
            severity,
            effect,
            advice,
            evidence,
            source,
        )
        (changed if rule.pk else new)[key] = rule
    bulk_create_with_history(list(new.values()), Interaction, batch_size=2000)
    bulk_update_with_history(
        list(changed.values()),
        Interaction,
        ["severity", "effect", "advice", "evidence", "source"],
        batch_size=2000,
    )
    report.created["interactions"] = len(new)
    report.updated["interactions"] = len(changed)


def _count(report: ImportReport, name: str, created: bool) -> None:
    target = report.created if created else report.updated
    target[name] = target.get(name, 0) + 1
