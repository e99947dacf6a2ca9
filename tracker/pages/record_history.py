"""A record's change history, from django-simple-history, for the user's own records: each
revision's time in the user's zone, and each changed field by its label with readable values."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from drugs.units import plain
from tracker.models import CoMedication, Course, Dose

HIDDEN_FIELDS = {"form_token", "owner", "created_at", "edited_at", "safety_items_confirmed"}
KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}
# Fields whose verbose name is only their column's name said aloud ("amount mg").
LABELS = {"amount_mg": "Amount (mg)", "taken_at": "Time taken"}
EMPTY = "—"
MOMENT, DAY = "D j M Y, H:i", "D j M Y"


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Revision:
    when: datetime  # in the user's zone
    kind: str
    by: str
    changes: list[Change]


def label_of(field: models.Field) -> str:
    """Return what the forms call a field: its verbose name, capitalised unless it starts with
    a unit ("mg per intake")."""
    if field.name in LABELS:
        return LABELS[field.name]
    name = str(field.verbose_name)
    return name if name.startswith("mg ") else capfirst(name)


def shown(field: models.Field, value) -> str:
    """Return a field's value as the patient reads it: dates and times in their zone, amounts
    without trailing zeros, choices by their label, and a dash for nothing."""
    if value is None or value == "" or value == []:
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), MOMENT)
    if isinstance(value, date):
        return date_format(value, DAY)
    if isinstance(value, Decimal):
        return f"{plain(value):f}"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def describe(obj) -> str:
    """Return a heading for the record in the user's words, its times in their zone."""
    if isinstance(obj, Dose):
        taken = date_format(timezone.localtime(obj.taken_at), MOMENT)
        return f"{plain(obj.amount_mg):f} mg of {obj.course.drug.generic_name}, taken {taken}"
    if isinstance(obj, Course):
        return f"{capfirst(obj.drug.generic_name)} course from {date_format(obj.start_date, DAY)}"
    if isinstance(obj, CoMedication):
        return obj.name
    return str(obj)


def revisions(obj, viewer) -> list[Revision]:
    """Return the record's revisions, newest first, with the fields each one changed in the
    model's field order."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    order = {f.name: index for index, f in enumerate(obj._meta.fields)}
    result = []
    for index, record in enumerate(records):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if older is not None:
            delta = record.diff_against(older, foreign_keys_are_objs=True)
            for c in sorted(delta.changes, key=lambda c: order.get(c.field, len(order))):
                if c.field in HIDDEN_FIELDS:
                    continue
                field = obj._meta.get_field(c.field)
                changes.append(
                    Change(c.field, label_of(field), shown(field, c.old), shown(field, c.new))
                )
        who = record.history_user
        by = "you" if who == viewer else ("an administrator" if who else "the app")
        when = timezone.localtime(record.history_date)
        result.append(Revision(when, KINDS[record.history_type], by, changes))
    return result
