"""Linking a typed co-medication name to the reference drug it names.

It happens when a name is saved, and again when the reference data grows (the drugs admin calls
`comedications_relink` through drugs.changes), never while a page is read.
"""

from django.db import transaction

from drugs.querysets import drug_ids_by_name
from tracker import data_version
from tracker.models import CoMedication


def link_to_reference(comed: CoMedication) -> None:
    """Link the entry to the one reference drug its name matches, or leave it unchecked."""
    ids = drug_ids_by_name([comed.name]).get(comed.name.strip().lower(), set())
    comed.drug_id = next(iter(ids)) if len(ids) == 1 else None


@transaction.atomic
def comedications_relink() -> int:
    """Link every unchecked entry whose name now matches exactly one reference drug; return
    how many were linked. Each owner's data version moves once."""
    unlinked = list(CoMedication.objects.filter(drug__isnull=True).only("id", "owner", "name"))
    matches = drug_ids_by_name(c.name for c in unlinked)
    linked = [
        (comed, ids.pop())
        for comed in unlinked
        if len(ids := set(matches.get(comed.name.strip().lower(), ()))) == 1
    ]
    for comed, drug_id in linked:
        CoMedication.objects.filter(pk=comed.pk, drug__isnull=True).update(drug_id=drug_id)
    for owner_id in {comed.owner_id for comed, _ in linked}:
        data_version.bump(user_id=owner_id)
    return len(linked)
