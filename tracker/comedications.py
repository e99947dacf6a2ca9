"""Writes for co-medications: add, update, stop, delete. Names are linked to reference drugs."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from drugs.querysets import drug_ids_by_name
from tracker.models import CoMedication


def link_to_reference(comed: CoMedication) -> None:
    """Link the entry to the one reference drug its name matches, or leave it unchecked."""
    ids = drug_ids_by_name([comed.name]).get(comed.name.strip().lower(), set())
    comed.drug_id = next(iter(ids)) if len(ids) == 1 else None


def comedication_add(
    *,
    owner,
    name: str,
    start_date: date,
    dose: str = "",
    frequency: str = "",
    stop_date: date | None = None,
    note: str = "",
) -> CoMedication:
    comed = CoMedication(
        owner=owner,
        name=name.strip(),
        dose=dose,
        frequency=frequency,
        start_date=start_date,
        stop_date=stop_date,
        note=note,
    )
    link_to_reference(comed)
    comed.full_clean()
    comed.save()
    return comed


def comedication_update(*, comed: CoMedication, **fields) -> CoMedication:
    for name, value in fields.items():
        setattr(comed, name, value.strip() if name == "name" else value)
    if "name" in fields:
        link_to_reference(comed)
    comed.edited_at = timezone.now()
    comed.full_clean()
    comed.save()
    return comed


def comedication_stop(*, comed: CoMedication, stop_date: date) -> CoMedication:
    if comed.stop_date is not None:
        raise ValidationError("This entry is already stopped.")
    if stop_date < comed.start_date:
        stop_date = comed.start_date
    comed.stop_date = stop_date
    comed.full_clean()
    comed.save()
    return comed


def comedication_delete(*, comed: CoMedication) -> None:
    comed.delete()
