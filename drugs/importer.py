"""Import drugs, aliases, classes and interaction rules from one CSV file.

Columns (header row required): type, name, other, severity, effect, advice, evidence, source,
classes, aliases, rxcui. One row per record; `type` says which:

- class: name = class name; source = source key.
- drug: name = generic name; rxcui; classes = class names or slugs separated by ";";
  aliases = names separated by ";"; source = source key.
- alias: name = the alias; other = the drug's generic name (or another alias of it).
- interaction: name and other = the two sides, each a drug (generic name or alias) or
  "class:<class name or slug>"; severity = contraindicated, major, moderate or minor;
  effect; advice; evidence = label or secondary; source = source key.

Rows may use drugs and classes defined by earlier rows of the same file.

The file is read twice, a row at a time, never whole. The first pass checks every row as the
admin's forms would (drugs/import_rows.py) and writes nothing: one bad row rejects the file,
with a report of every bad row. The second pass writes in batches of `batch_size` rows, each in
its own short transaction, so patients logging doses wait for one batch at most. Each batch
upserts by natural key (a class or drug by name, an alias by name, a rule by its two sides), so
a run cut off midway is completed by running the same file again. Every write is recorded in
the reference history, and each batch moves the reference version (cached pages are rebuilt).
"""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from django.db import DatabaseError, transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from drugs.changes import reference_changed
from drugs.import_rows import ClassPlan, DrugPlan, Registry, RowError, plan_row, rule_key
from drugs.models import Drug, DrugAlias, DrugClass, Interaction
from drugs.models.interactions import CLINICAL_FIELDS

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
BATCH_SIZE = 1000
MAX_REPORTED_ERRORS = 500
CHANGE_REASON = "Imported from CSV"
RULE_FIELDS = [*CLINICAL_FIELDS, "evidence", "source", "edited_without_source_at"]


@dataclass
class ImportReport:
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, why)
    error_count: int = 0  # every bad row, including those past MAX_REPORTED_ERRORS
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    batches: int = 0  # batches written and committed
    stopped: str = ""  # why the writing pass stopped before the end (rows before it are in)

    @property
    def ok(self) -> bool:
        return not self.error_count and not self.stopped

    def add_error(self, line: int, why: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append((line, why))

    def count(self, target: dict, name: str, number: int) -> None:
        if number:
            target[name] = target.get(name, 0) + number


@dataclass
class _Batch:
    classes: dict[int, ClassPlan] = field(default_factory=dict)  # by id() of the class
    drugs: dict[int, DrugPlan] = field(default_factory=dict)
    aliases: list[DrugAlias] = field(default_factory=list)
    rules: dict[str, Interaction] = field(default_factory=dict)  # by order-free side key
    rows: int = 0
    last_line: int = 0

    def add(self, planned) -> None:
        if isinstance(planned, ClassPlan):
            known = self.classes.setdefault(id(planned.drug_class), planned)
            known.source_changed |= planned.source_changed
        elif isinstance(planned, DrugPlan):
            known = self.drugs.setdefault(id(planned.drug), DrugPlan(drug=planned.drug))
            known.classes += planned.classes
            known.sources += planned.sources
            known.aliases += planned.aliases
            known.rxcui_changed |= planned.rxcui_changed
        elif isinstance(planned, DrugAlias):
            self.aliases.append(planned)
        elif isinstance(planned, Interaction):
            a, b = planned.drug_a or planned.class_a, planned.drug_b or planned.class_b
            self.rules[rule_key(a, b)] = planned


AfterBatch = Callable[[int, int], None]


def run_import(
    file: TextIO | str,
    *,
    batch_size: int = BATCH_SIZE,
    after_batch: AfterBatch | None = None,
    user=None,
) -> ImportReport:
    """Validate every row of the CSV, then, when all are good, write them in batches; return
    the report. `file` is a seekable text file (opened with errors="surrogateescape", bytes that
    are not UTF-8 are reported on their line) or the text itself. `after_batch(batch number,
    last line written)` is called after each batch is committed, outside any transaction
    (progress output; tests pause there)."""
    if isinstance(file, str):
        file = io.StringIO(file)
    report = ImportReport()
    registry = Registry()
    for line, row in _rows(file, report):
        try:
            plan_row(row, registry, validate=True)
        except RowError as error:
            report.add_error(line, str(error))
    if report.error_count:
        return report
    _write(file, report, batch_size=batch_size, after_batch=after_batch, user=user)
    return report


def _rows(file: TextIO, report: ImportReport) -> Iterator[tuple[int, dict]]:
    """Yield (first line number, row with stripped cells) from the start of the file; a file
    that cannot be read as CSV ends with an error in the report."""
    file.seek(0)
    reader = csv.DictReader(file)
    try:
        missing = set(COLUMNS[:2]) - set(reader.fieldnames or [])
        if missing:
            report.add_error(1, f"the header lacks the columns: {', '.join(sorted(missing))}")
            return
        line = reader.line_num + 1
        for row in reader:
            yield line, {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
            line = reader.line_num + 1
    except csv.Error as error:
        report.add_error(reader.line_num, f"cannot be read as CSV: {error}")
    except UnicodeDecodeError:
        report.add_error(reader.line_num + 1, "the file is not UTF-8 text")


def _write(file, report: ImportReport, *, batch_size: int, after_batch, user) -> None:
    registry = Registry()  # afresh: the first pass registered rows it did not save
    batch = _Batch()
    for line, row in _rows(file, report):
        try:
            batch.add(plan_row(row, registry, validate=False))
        except RowError as error:  # the data changed since the first pass
            report.stopped = f"line {line} is no longer valid: {error}"
            return
        batch.rows, batch.last_line = batch.rows + 1, line
        if batch.rows == batch_size:
            if not _commit(batch, registry, report, user, after_batch):
                return
            batch = _Batch()
    if batch.rows:
        _commit(batch, registry, report, user, after_batch)


def _commit(batch: _Batch, registry: Registry, report, user, after_batch) -> bool:
    """Write one batch in one transaction; return False when it failed (nothing of it kept)."""
    try:
        with transaction.atomic():
            _write_classes(list(batch.classes.values()), report, user)
            _write_drugs(list(batch.drugs.values()), report, user)
            _write_aliases(batch.aliases, report, user)
            _write_rules(list(batch.rules.values()), registry, report, user)
            reference_changed()
    except DatabaseError as error:
        report.stopped = (
            f"the batch ending at line {batch.last_line} could not be written ({error}); "
            "the batches before it are in"
        )
        return False
    report.batches += 1
    if after_batch is not None:
        after_batch(report.batches, batch.last_line)
    return True


def _write_classes(plans: list[ClassPlan], report, user) -> None:
    new = [p.drug_class for p in plans if p.drug_class.pk is None]
    old = [p.drug_class for p in plans if p.drug_class.pk is not None and p.source_changed]
    bulk_create_with_history(new, DrugClass, default_user=user, default_change_reason=CHANGE_REASON)
    if old:
        bulk_update_with_history(
            old, DrugClass, ["source"], default_user=user, default_change_reason=CHANGE_REASON
        )
    report.count(report.created, "classes", len(new))
    report.count(report.updated, "classes", len(old))


def _write_drugs(plans: list[DrugPlan], report, user) -> None:
    new = [p.drug for p in plans if p.drug.pk is None]
    Drug.objects.bulk_create(new)
    changed = {p.drug.pk for p in plans if p.rxcui_changed}
    Drug.objects.bulk_update([p.drug for p in plans if p.drug.pk in changed], ["rxcui"])
    changed |= _link(plans, Drug.classes.through, "drugclass_id", lambda p: p.classes)
    _link(plans, Drug.sources.through, "source_id", lambda p: p.sources)
    new_ids = {d.pk for d in new}
    old = [p.drug for p in plans if p.drug.pk in changed - new_ids]
    _drug_history(new, old, user)
    report.count(report.created, "drugs", len(new))
    report.count(report.updated, "drugs", len(old))
    aliases = [a for p in plans for a in p.aliases]
    _write_aliases(aliases, report, user)


def _link(plans: list[DrugPlan], through, target: str, targets) -> set[int]:
    """Add the missing many-to-many rows; return the ids of the drugs that got one."""
    wanted = {(p.drug.pk, t.pk) for p in plans for t in targets(p)}
    if not wanted:
        return set()
    have = set(
        through.objects.filter(drug_id__in={d for d, _ in wanted}).values_list("drug_id", target)
    )
    missing = wanted - have
    through.objects.bulk_create([through(drug_id=d, **{target: t}) for d, t in sorted(missing)])
    return {d for d, _ in missing}


def _drug_history(new: list[Drug], old: list[Drug], user) -> None:
    """Record the drugs' history with the classes they now have, as a save in the admin does
    (simple-history's bulk helpers leave out many-to-many fields)."""
    records = Drug.history.bulk_history_create(
        new, default_user=user, default_change_reason=CHANGE_REASON
    )
    records += Drug.history.bulk_history_create(
        old, update=True, default_user=user, default_change_reason=CHANGE_REASON
    )
    if not records:
        return
    through = Drug.classes.through
    links: dict[int, list[tuple[int, int]]] = {}
    rows = through.objects.filter(drug_id__in=[r.id for r in records])
    for pk, drug_id, class_id in rows.values_list("id", "drug_id", "drugclass_id"):
        links.setdefault(drug_id, []).append((pk, class_id))
    m2m_history = Drug.history.model.classes.model
    m2m_history.objects.bulk_create(
        m2m_history(id=pk, history=record, drug_id=record.id, drugclass_id=class_id)
        for record in records
        for pk, class_id in links.get(record.id, [])
    )


def _write_aliases(aliases: list[DrugAlias], report, user) -> None:
    for alias in aliases:
        alias.drug_id = alias.drug.pk  # the drug may have been created in this batch
    bulk_create_with_history(
        aliases, DrugAlias, default_user=user, default_change_reason=CHANGE_REASON
    )
    report.count(report.created, "aliases", len(aliases))


def _write_rules(rules: list[Interaction], registry: Registry, report, user) -> None:
    for rule in rules:
        for side in ("drug_a", "class_a", "drug_b", "class_b"):
            obj = getattr(rule, side)  # created earlier in this batch: take its new id
            setattr(rule, f"{side}_id", obj.pk if obj is not None else None)
        rule.pair = rule.compute_pair()
        rule.pk = rule.pk or registry.rule_ids.get(rule.pair)
    stored = Interaction.objects.in_bulk([r.pk for r in rules if r.pk is not None])
    for rule in rules:
        if rule.pk not in stored:  # new, or deleted by an editor since the first pass
            rule.pk = None
    new = [r for r in rules if r.pk is None]
    # A rule the file repeats unchanged is left alone: a second run writes no history for it.
    old = [r for r in rules if r.pk is not None and _differs(r, stored[r.pk])]
    bulk_create_with_history(
        new, Interaction, default_user=user, default_change_reason=CHANGE_REASON
    )
    registry.rule_ids.update((r.pair, r.pk) for r in new)
    if old:
        bulk_update_with_history(
            old, Interaction, RULE_FIELDS, default_user=user, default_change_reason=CHANGE_REASON
        )
    report.count(report.created, "interactions", len(new))
    report.count(report.updated, "interactions", len(old))


def _differs(rule: Interaction, stored: Interaction) -> bool:
    fields = [Interaction._meta.get_field(name).attname for name in RULE_FIELDS]
    return any(getattr(rule, f) != getattr(stored, f) for f in fields)
