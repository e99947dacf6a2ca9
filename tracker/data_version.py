"""The version numbers that key cached data: the user's own data and the reference data.

Every service that changes a user's courses, doses, co-medications, taper plans or check-ins
calls `bump` for the owner in the same transaction (tracker/services/); reference changes move
drugs.ReferenceVersion (drugs/changes.py). Data cached under both numbers (and the local date)
therefore never outlives what it was built from. Nothing moves them behind a writer's back.
"""

from django.db.models import F, Subquery

from drugs.models import ReferenceVersion
from tracker.models import Profile


def bump(*, user_id: int) -> None:
    """Move the user's data version."""
    Profile.objects.filter(user_id=user_id).update(data_version=F("data_version") + 1)


def versions_for(user) -> tuple[int, int]:
    """Return (the user's data version, the reference data version) in one query."""
    data_version, reference = (
        Profile.objects.filter(user=user)
        .annotate(reference=Subquery(ReferenceVersion.number_query()))
        .values_list("data_version", "reference")
        .get()
    )
    return data_version, reference or 0
