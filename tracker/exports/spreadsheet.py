"""CSV that a spreadsheet opens without running anything: every export goes through here.

A spreadsheet treats a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a
formula (OWASP "CSV injection"), so a note like `=HYPERLINK(...)` typed by anyone could act when
the patient or their doctor opens the file. Such text cells get a leading apostrophe; numbers,
dates and other values the app itself produced are written as they are.
"""

import csv
import io
from collections.abc import Iterable
from datetime import UTC
from decimal import Decimal

from tracker.models import CoMedication, Dose

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value) -> str | int | float:
    """Return the value ready for a CSV cell: text that would start a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 350, not 3.5E+2; a number stays a number
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(header: list[str], rows: Iterable[Iterable]) -> str:
    """Return a whole CSV document with every cell defused."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([defuse(cell) for cell in row] for row in rows)
    return out.getvalue()


def doses_csv(user, zone) -> str:
    """Return one CSV row a dose: local and UTC time, drug, mg, note, edited flag."""
    doses = Dose.objects.for_owner(user).select_related("course__drug").order_by("taken_at")
    return csv_text(
        ["local_time", "utc_time", "drug", "amount_mg", "note", "edited"],
        (
            [
                dose.taken_at.astimezone(zone).isoformat(),
                dose.taken_at.astimezone(UTC).isoformat(),
                dose.course.drug.generic_name,
                dose.amount_mg,
                dose.note,
                dose.was_edited,
            ]
            for dose in doses
        ),
    )


def comedications_csv(user) -> str:
    """Return one CSV row a co-medication, with the ingredients its name stands for and
    whether it could be checked for interactions."""
    comeds = CoMedication.objects.for_owner(user).order_by("start_date", "name")
    return csv_text(
        [
            "name",
            "reference_drug",
            "rxcui",
            "checked",
            "dose",
            "frequency",
            "start_date",
            "stop_date",
            "note",
        ],
        (
            [
                comed.name,
                " + ".join(d.generic_name for d in comed.ingredient_list()),
                " + ".join(d.rxcui for d in comed.ingredient_list() if d.rxcui),
                comed.checked,
                comed.dose,
                comed.frequency,
                comed.start_date.isoformat(),
                comed.stop_date.isoformat() if comed.stop_date else "",
                comed.note,
            ]
            for comed in comeds
        ),
    )
