"""The explicit shape of every record of an export: the fields it has and the JSON type of each.

A record with a field not named here, without one named here, or with a value of another JSON
type refuses the file, with a message naming the record and the field. A field added after
version 1 was first written may be absent, and then reads as its default, so older exports
still import. Values are checked afterwards by the import forms (tracker/imports/forms.py).
"""

from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError

from tracker.imports.reading import shown


@dataclass(frozen=True)
class Json:
    """A JSON type as a message names it, and the Python types json.loads makes of it."""

    name: str
    types: tuple[type, ...]
    items: "Json | None" = None  # for a list: the type of each item
    default: object = None  # what an absent field reads as, for a field that may be absent
    may_be_absent: bool = False

    def accepts(self, value) -> bool:
        if isinstance(value, bool):  # a bool is an int to Python, never a number here
            return bool in self.types
        if not isinstance(value, self.types):
            return False
        return self.items is None or all(self.items.accepts(item) for item in value)


def optional(kind: Json) -> Json:
    return Json(f"{kind.name} or null", (*kind.types, type(None)), kind.items)


def added_later(kind: Json, default) -> Json:
    """Return the type of a field older exports lack: absent, it reads as `default`."""
    return replace(kind, default=default, may_be_absent=True)


TEXT = Json("text", (str,))
WHOLE_NUMBER = Json("a whole number", (int,))
# Amounts are exported as text ("350.00"); a number written by hand is accepted too.
NUMBER = Json("a number", (int, float, str))
FLAG = Json("true or false", (bool,))
RECORD = Json("an object", (dict,))
RECORDS = Json("a list of objects", (list,), RECORD)
TEXTS = Json("a list of texts", (list,), TEXT)
SYMPTOMS = Json("a list of [drug, kind, text] lists", (list,), TEXTS)

FILE = {
    "format": TEXT,
    "version": WHOLE_NUMBER,
    "account": RECORD,
    "profile": RECORD,
    "notifications": added_later(optional(RECORD), None),
    "devices": added_later(RECORDS, []),
    "courses": RECORDS,
    "comedications": RECORDS,
}
# Shown for reference only: an import never changes the importing account's name or e-mail.
ACCOUNT = {"username": optional(TEXT), "email": optional(TEXT)}
PROFILE = {"time_zone": optional(TEXT), "dose_times": TEXTS, "email_reminders": FLAG}
NOTIFICATIONS = {
    "quiet_start": optional(TEXT),
    "quiet_end": optional(TEXT),
    "missed_after_minutes": WHOLE_NUMBER,
}
# Shown for reference only: a device subscribes again from Settings in its own browser.
DEVICE = {"label": TEXT, "created_at": TEXT, "last_sent_at": optional(TEXT)}
COURSE = {
    "drug": TEXT,
    "dose_schedule": added_later(TEXT, "scheduled"),  # or "as_needed"
    "start_date": TEXT,
    "mg_per_intake": NUMBER,
    "intakes_per_day": WHOLE_NUMBER,
    "prescriber": TEXT,
    "reason": TEXT,
    "tablets_dispensed": optional(WHOLE_NUMBER),
    "tablet_mg": optional(NUMBER),
    "planned_days": added_later(optional(WHOLE_NUMBER), None),
    "status": TEXT,
    "end_date": optional(TEXT),
    "notes": TEXT,
    "safety_checklist_shown_at": optional(TEXT),
    "safety_items_confirmed": TEXTS,
    "prescription_warnings": added_later(TEXTS, []),
    "prescription_confirmed_at": added_later(optional(TEXT), None),
    "created_at": TEXT,
    "doses": RECORDS,
    "taper_plan": optional(RECORD),
    "checkins": RECORDS,
}
DOSE = {
    "taken_at": TEXT,
    "amount_mg": NUMBER,
    "note": TEXT,
    "created_at": TEXT,
    "edited_at": optional(TEXT),
}
TAPER_PLAN = {"from_suggestion": FLAG, "steps": RECORDS}
TAPER_STEP = {
    "start_date": TEXT,
    "mg_per_intake": NUMBER,
    "intakes_per_day": WHOLE_NUMBER,
    "every_days": added_later(WHOLE_NUMBER, 1),  # 1: daily, 2: every other day
}
CHECKIN = {
    "recorded_at": TEXT,
    "severity": TEXT,
    "note": TEXT,
    "urgent": FLAG,
    "symptoms": SYMPTOMS,
}
COMEDICATION = {
    "name": TEXT,
    "drug": optional(TEXT),
    "dose": TEXT,
    "frequency": TEXT,
    "start_date": TEXT,
    "stop_date": optional(TEXT),
    "note": TEXT,
    "created_at": TEXT,
    "edited_at": optional(TEXT),
}

_TYPE_NAMES = {
    str: "text",
    bool: "true or false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "an object",
    type(None): "null",
}


def described(value) -> str:
    return _TYPE_NAMES.get(type(value), "something else")


def fields_of(record, shape: dict[str, Json], where: str) -> dict:
    """Return the record with any absent added-later field at its default, refusing one that
    is not an object, names a field the shape does not, lacks one it does, or holds a value of
    another JSON type."""
    if not isinstance(record, dict):
        raise ValidationError(f"{where} should be an object, not {described(record)}.")
    for key in record:
        if key not in shape:
            raise ValidationError(f"{where}: unknown field “{shown(key)}”.")
    record = {
        **{key: kind.default for key, kind in shape.items() if kind.may_be_absent},
        **record,
    }
    for key, kind in shape.items():
        if key not in record:
            raise ValidationError(f"{where}: missing field “{key}”.")
        value = record[key]
        if not kind.accepts(value):
            mixed = isinstance(value, list) and kind.items is not None
            got = "a list holding other values" if mixed else described(value)
            raise ValidationError(f"{where}: “{key}” should be {kind.name}, not {got}.")
    return record
