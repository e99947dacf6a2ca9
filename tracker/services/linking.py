"""Linking a typed co-medication name to the ingredients it stands for.

It happens when a name is saved, and again when the reference data grows (the drugs admin and
import announce it through drugs.changes; tracker/apps.py follows), never while a page is read.
A name counts as checked only when every part of it was recognised.
"""

from django.db import transaction

from drugs.name_lookup import drug_ids, look_up
from drugs.names import Resolution
from tracker import data_version
from tracker.models import CoMedication
from tracker.querysets import PREFETCHED_INGREDIENTS


def link_to_reference(comed: CoMedication) -> Resolution:
    """Set the saved entry's ingredients and checked flag from its name; return the look-up."""
    found = look_up(comed.name)
    ids = drug_ids(found.ingredients)
    comed.checked = found.fully_checked and len(ids) == len(found.ingredients)
    CoMedication.objects.filter(pk=comed.pk).update(checked=comed.checked)
    comed.ingredients.set(ids.values())
    comed.__dict__.pop(PREFETCHED_INGREDIENTS, None)  # read before the change: read again
    return found


@transaction.atomic
def comedications_relink() -> int:
    """Look again at every entry not checked, now that the reference data changed; return how
    many became checked. Each owner's data version moves once."""
    linked = [
        comed
        for comed in CoMedication.objects.filter(checked=False).only("id", "owner", "name")
        if link_to_reference(comed).fully_checked
    ]
    for owner_id in {comed.owner_id for comed in linked}:
        data_version.bump(user_id=owner_id)
    return len(linked)
