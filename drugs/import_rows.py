"""One CSV row of a reference import: checked as the admin's forms check it, then planned as
the objects to write. Used by both passes of drugs/importer.py: the first validates, the second
plans the same objects again (from a fresh registry) and writes them."""

import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from drugs.models import (
    Drug,
    DrugAlias,
    DrugClass,
    Evidence,
    Interaction,
    Severity,
    Source,
)
from drugs.models.interactions import CLINICAL_FIELDS
from drugs.slugs import RESERVED_DRUG_SLUGS, reference_slug

# NUL, which PostgreSQL refuses in text, and bytes that were not UTF-8 (read with
# errors="surrogateescape", they arrive as lone surrogates and are reported on their line).
_UNWRITABLE = re.compile("[\x00\udc80-\udcff]")


class RowError(Exception):
    """Why a row cannot be imported, in words for the editor."""


class RowValidator:
    """The admin's checks for the columns a row carries: the fields a ModelForm would have clean
    each value (length, NUL characters, choices, required), then the model's full_clean (field
    checks, clean(), unique fields and constraints) or, with `clean` given, the field checks
    and that method. One is built per model, not one form per row: 100,000 rows must validate
    in seconds."""

    def __init__(self, model, fields: list[str], *, clean: str = ""):
        self.form_fields = forms.fields_for_model(model, fields=fields)
        self.exclude = [f.name for f in model._meta.get_fields() if f.name not in fields]
        self.clean = clean

    def validate(self, instance, data: dict) -> None:
        """Set the cleaned values on the instance; raise RowError naming the bad columns."""
        errors: dict[str, list[str]] = {}
        for name, form_field in self.form_fields.items():
            try:
                setattr(instance, name, form_field.clean(data.get(name, "")))
            except ValidationError as error:
                errors.setdefault(name, []).extend(error.messages)
        if not errors:
            try:
                if self.clean:
                    instance.clean_fields(exclude=self.exclude)
                    getattr(instance, self.clean)()
                else:
                    instance.full_clean(exclude=self.exclude)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    errors.setdefault(name, []).extend(messages)
        if errors:
            raise RowError("; ".join(_describe(name, msgs) for name, msgs in errors.items()))


def _describe(name: str, messages: list[str]) -> str:
    text = " ".join(messages)
    return text if name == NON_FIELD_ERRORS else f"{COLUMN_OF.get(name, name)}: {text}"


SEVERITIES = tuple(Severity.values)  # read once: TextChoices builds the list on each access
EVIDENCE = tuple(Evidence.values)

# The CSV column each model field comes from, for error messages.
COLUMN_OF = {"generic_name": "name", "slug": "name"}

CLASS_ROW = RowValidator(DrugClass, ["name", "slug"])
DRUG_ROW = RowValidator(Drug, ["generic_name", "slug", "rxcui"])
ALIAS_ROW = RowValidator(DrugAlias, ["name"])
# A rule's sides are checked as the admin checks them, but not whether a rule for the pair
# exists: the import updates that rule (the registry holds every stored pair), where the admin's
# add form refuses a second one. That query per row would double the time of a large import.
RULE_ROW = RowValidator(Interaction, [*CLINICAL_FIELDS, "evidence"], clean="clean_sides")


@dataclass
class ClassPlan:
    drug_class: DrugClass
    source_changed: bool = False


@dataclass
class DrugPlan:
    drug: Drug
    classes: list[DrugClass] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    aliases: list[DrugAlias] = field(default_factory=list)
    rxcui_changed: bool = False


class Registry:
    """Sources, classes, drugs, aliases and rules known so far: the database, plus the rows of
    the file planned before this one (new objects without an id until they are written)."""

    def __init__(self):
        self.sources = {s.key.lower(): s for s in Source.objects.all()}
        self.classes: dict[str, DrugClass] = {}
        self.class_slugs: dict[str, DrugClass] = {}
        for c in DrugClass.objects.all():
            self.add_class(c)
        self.drugs: dict[str, Drug] = {}
        self.drug_slugs: dict[str, Drug] = {}
        by_id = {}
        for d in Drug.objects.all():
            by_id[d.pk] = d
            self.add_drug(d)
        # Lower-cased alias → its drug. An alias is also a name to find its drug by.
        self.alias_owner: dict[str, Drug] = {}
        for name, drug_id in DrugAlias.objects.values_list("name", "drug_id"):
            self.alias_owner[name.lower()] = by_id[drug_id]
            self.drugs.setdefault(name.lower(), by_id[drug_id])
        self.rule_ids: dict[str, int] = dict(Interaction.objects.values_list("pair", "pk"))

    def add_class(self, drug_class: DrugClass) -> None:
        self.classes.setdefault(drug_class.name.lower(), drug_class)
        self.classes.setdefault(drug_class.slug.lower(), drug_class)
        self.class_slugs[drug_class.slug] = drug_class

    def add_drug(self, drug: Drug) -> None:
        self.drugs.setdefault(drug.generic_name.lower(), drug)
        self.drug_slugs[drug.slug] = drug

    def side(self, text: str):
        """Return the drug (by name or alias) or the class ("class:<name or slug>"), or None."""
        text = text.strip()
        if text.lower().startswith("class:"):
            return self.classes.get(text[6:].strip().lower())
        return self.drugs.get(text.lower())

    def source(self, row: dict) -> Source:
        key = row.get("source", "")
        if not key:
            raise RowError("missing source")
        source = self.sources.get(key.lower())
        if source is None:
            raise RowError(f"unknown source {key!r}")
        return source


def _new_slug(name: str, taken: dict, *, prefix: str, what: str) -> str:
    slug = reference_slug(name, prefix=prefix)
    if not slug:
        raise RowError(f"name: {name!r} has no letter or digit to make the {what}'s web address")
    if prefix == "drug" and slug in RESERVED_DRUG_SLUGS:
        raise RowError(f"name: the web address “{slug}” is taken by a page of the site")
    if slug in taken:
        raise RowError(
            f"name: {name!r} would have the web address “{slug}” of the {what} "
            f"{taken[slug]}; use that {what}'s exact name to update it, or a distinct name"
        )
    return slug


def plan_row(row: dict, registry: Registry, *, validate: bool):
    """Return what the row writes (a class, a DrugPlan, an alias or a rule), registering new
    names for the rows after it; raise RowError for a bad row. `validate` runs the forms."""
    for column, value in row.items():
        if (bad := _UNWRITABLE.search(value)) is not None:
            if bad.group() == "\x00":
                raise RowError(f"{column}: holds a NUL character; remove it")
            raise RowError(f"{column}: is not UTF-8 text; save the file as UTF-8")
    kind = row.get("type", "").lower()
    name = row.get("name", "")
    if kind not in {"class", "drug", "alias", "interaction"}:
        raise RowError(f"unknown type {kind!r} (use class, drug, alias or interaction)")
    if not name:
        raise RowError("missing name")
    return {"class": _class, "drug": _drug, "alias": _alias, "interaction": _rule}[kind](
        row, name, registry, validate
    )


def _class(row, name, registry: Registry, validate: bool) -> ClassPlan:
    source = registry.source(row)
    drug_class = registry.classes.get(name.lower())
    if drug_class is None:
        slug = _new_slug(name, registry.class_slugs, prefix="class", what="class")
        drug_class = DrugClass(name=name, slug=slug)
    plan = ClassPlan(drug_class, source_changed=drug_class.source_id != source.pk)
    drug_class.source = source
    if validate:
        CLASS_ROW.validate(drug_class, {"name": drug_class.name, "slug": drug_class.slug})
    registry.add_class(drug_class)
    return plan


def _drug(row, name, registry: Registry, validate: bool) -> DrugPlan:
    source = registry.source(row)
    class_names = [c.strip() for c in row.get("classes", "").split(";") if c.strip()]
    unknown = [c for c in class_names if c.lower() not in registry.classes]
    if unknown:
        raise RowError(f"unknown class {unknown[0]!r}")
    drug = registry.drugs.get(name.lower())
    if drug is None:
        slug = _new_slug(name, registry.drug_slugs, prefix="drug", what="drug")
        drug = Drug(generic_name=name, slug=slug)
    rxcui = row.get("rxcui", "")
    plan = DrugPlan(
        drug=drug,
        classes=[registry.classes[c.lower()] for c in class_names],
        sources=[source],
        rxcui_changed=bool(rxcui) and rxcui != drug.rxcui and drug.pk is not None,
    )
    if validate:
        data = {"generic_name": drug.generic_name, "slug": drug.slug, "rxcui": rxcui or drug.rxcui}
        DRUG_ROW.validate(drug, data)
    elif rxcui:
        drug.rxcui = rxcui
    registry.add_drug(drug)
    for alias_name in [a.strip() for a in row.get("aliases", "").split(";") if a.strip()]:
        alias = _new_alias(alias_name, drug, registry, validate)
        if alias is not None:
            plan.aliases.append(alias)
    return plan


def _alias(row, name, registry: Registry, validate: bool) -> DrugAlias | None:
    other = row.get("other", "")
    drug = registry.drugs.get(other.lower())
    if drug is None:
        raise RowError(f"unknown drug {other!r}")
    return _new_alias(name, drug, registry, validate)


def _new_alias(name: str, drug: Drug, registry: Registry, validate: bool) -> DrugAlias | None:
    """Return the alias to create, or None when the drug already has it."""
    owner = registry.alias_owner.get(name.lower()) or registry.drugs.get(name.lower())
    if owner is drug:
        return None
    if owner is not None:
        raise RowError(f"alias {name!r} already names another drug, {owner}")
    alias = DrugAlias(name=name, drug=drug)
    if validate:
        try:
            ALIAS_ROW.validate(alias, {"name": name})
        except RowError as error:
            raise RowError(f"alias {name!r}: {error}") from None
    registry.alias_owner[name.lower()] = drug
    registry.drugs.setdefault(name.lower(), drug)
    return alias


def _side_fields(prefix: str, side) -> dict:
    if isinstance(side, Drug):
        return {f"drug_{prefix}": side, f"class_{prefix}": None}
    return {f"drug_{prefix}": None, f"class_{prefix}": side}


def _side_token(side) -> str:
    """Return the side's key: by id once saved, by identity while it is a row of this file."""
    letter = "d" if isinstance(side, Drug) else "c"
    return f"{letter}{side.pk}" if side.pk is not None else f"new-{letter}{id(side)}"


def rule_key(a, b) -> str:
    """Return the order-free key of two sides (the stored pair once both are saved)."""
    return "|".join(sorted((_side_token(a), _side_token(b))))


def _rule(row, name, registry: Registry, validate: bool) -> Interaction:
    other = row.get("other", "")
    a, b = registry.side(name), registry.side(other)
    if a is None:
        raise RowError(f"unknown drug or class {name!r}")
    if b is None:
        raise RowError(f"unknown drug or class {other!r}")
    if a is b:
        raise RowError("a drug or class cannot interact with itself")
    severity = row.get("severity", "").lower()
    if severity not in SEVERITIES:
        raise RowError(f"bad severity {row.get('severity', '')!r} (use {', '.join(SEVERITIES)})")
    evidence = row.get("evidence", "").lower() or Evidence.LABEL
    if evidence not in EVIDENCE:
        raise RowError(f"bad evidence {row.get('evidence', '')!r} (use label or secondary)")
    if not row.get("effect") or not row.get("advice"):
        raise RowError("missing effect or advice")
    source = registry.source(row)
    key = rule_key(a, b)
    rule = Interaction(
        pk=registry.rule_ids.get(key),
        pair=key,
        source=source,
        edited_without_source_at=None,  # the row gives the source of its values
        **_side_fields("a", a),
        **_side_fields("b", b),
    )
    values = {
        "severity": severity,
        "effect": row["effect"],
        "advice": row["advice"],
        "evidence": evidence,
    }
    if validate:
        RULE_ROW.validate(rule, values)
    else:
        for field_name, value in values.items():
            setattr(rule, field_name, value)
    return rule
