"""A record's change history, from django-simple-history, for the user's own records."""

from dataclasses import dataclass
from datetime import datetime

HIDDEN_FIELDS = {"form_token", "owner", "created_at", "edited_at", "safety_items_confirmed"}
KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class Change:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class Revision:
    when: datetime
    kind: str
    by: str
    changes: list[Change]


def revisions(obj, viewer) -> list[Revision]:
    """Return the record's revisions, newest first, with the fields each one changed."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    result = []
    for index, record in enumerate(records):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if older is not None:
            delta = record.diff_against(older)
            changes = [
                Change(c.field, c.old, c.new) for c in delta.changes if c.field not in HIDDEN_FIELDS
            ]
        who = record.history_user
        by = "you" if who == viewer else ("an administrator" if who else "the app")
        result.append(Revision(record.history_date, KINDS[record.history_type], by, changes))
    return result
