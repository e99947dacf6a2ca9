"""Reference rows that patients' records point to: how many records use them, counted and never
shown, so an editor is told to retire such a row instead of deleting it.

"Patients' records" are rows of any app other than this one (the tracker's courses,
co-medications, check-ins), found through the relations Django knows: this app never imports
the tracker. History tables are left out: a delete never touches them (their links are
DO_NOTHING) and they are not what a patient sees.
"""

from collections import Counter

from django.contrib.admin.utils import NestedObjects
from django.db import models, router
from django.db.models import ProtectedError

APP_LABEL = "drugs"


def _patient_model(model) -> type | None:
    """Return the patients' model a row of `model` belongs to, or None for reference data."""
    if model._meta.auto_created:  # a many-to-many table: its rows belong to the declaring model
        model = model._meta.auto_created
    if model._meta.app_label == APP_LABEL or hasattr(model, "instance_type"):
        return None
    return model


def _label(model, count: int) -> str:
    return str(model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural)


def _keyed(counts: Counter) -> dict[str, int]:
    return {_label(model, n): n for model, n in counts.items() if n}


def patient_records_using(obj: models.Model) -> dict[str, int]:
    """Return, by kind of record, how many patients' records point straight at the row."""
    counts: Counter = Counter()
    for rel in obj._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue
        model = rel.related_model
        if model._meta.auto_created or _patient_model(model) is None:
            continue  # a many-to-many table is counted through its ManyToManyRel below
        if not rel.many_to_many and rel.on_delete is models.DO_NOTHING:
            continue
        counts[model] += model._base_manager.filter(**{rel.field.name: obj}).count()
    return _keyed(counts)


def patient_records_touched_by_deleting(objs) -> dict[str, int]:
    """Return, by kind of record, how many patients' records deleting the rows would delete,
    empty (SET_NULL) or be blocked by (PROTECT), following every cascade as a delete would."""
    objs = list(objs)
    if not objs:
        return {}
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    counts: Counter = Counter()
    for model, instances in collector.model_objs.items():
        owner = _patient_model(model)
        if owner is None:
            continue
        if model._meta.auto_created:  # count each patient record once, not each of its links
            link = next(f for f in model._meta.fields if f.related_model is owner)
            counts[owner] += len({getattr(i, link.attname) for i in instances})
        else:
            counts[owner] += len(instances)
    for obj in collector.protected:
        if (owner := _patient_model(type(obj))) is not None:
            counts[owner] += 1
    for (field, _value), groups in collector.field_updates.items():
        if (owner := _patient_model(field.model)) is not None:
            counts[owner] += sum(len(group) for group in groups)
    return _keyed(counts)


def retire_instead(uses: dict[str, int]) -> list[str]:
    """Return the editor's messages for the uses: counts only, never the records."""
    return [f"Used by {count} patient {label}; retire it instead" for label, count in uses.items()]


def refuse_if_used(objs) -> None:
    """Raise ProtectedError when deleting the rows would empty or delete a patient's record
    (a co-medication's drug, a check-in's symptom), from any path: admin, shell or code."""
    objs = list(objs)
    uses = patient_records_touched_by_deleting(objs)
    if uses:
        names = ", ".join(str(obj) for obj in objs[:3])
        raise ProtectedError(f"{names}: {'; '.join(retire_instead(uses))}.", set(objs))
