"""The version numbers that key cached data: the user's own data and the reference data.

Every service that changes a user's courses, doses, co-medications, taper plans or check-ins
calls `bump` for the owner in the same transaction (tracker/services/); reference changes move
drugs.ReferenceVersion (drugs/changes.py). Data cached under both numbers (and the local date)
therefore never outlives what it was built from. Nothing moves them behind a writer's back.
"""

from django.db import connections, router
from django.db.models import F

from drugs.models import ReferenceVersion
from tracker.models import Profile


def bump(*, user_id: int) -> None:
    """Move the user's data version."""
    Profile.objects.filter(user_id=user_id).update(data_version=F("data_version") + 1)


def versions_for(user) -> tuple[int, int]:
    """Return (the user's data version, the reference data version) in one query. Written as
    SQL: the dashboard asks on every load, and the ORM takes twice the database's round trip
    to build this read (docs/performance.md)."""
    connection = connections[router.db_for_read(Profile)]
    q = connection.ops.quote_name
    profile, reference = Profile._meta, ReferenceVersion._meta
    sql = (
        f"SELECT {q(profile.get_field('data_version').column)}, "
        f"(SELECT {q(reference.get_field('number').column)} FROM {q(reference.db_table)} "
        f"WHERE {q('id')} = 1) FROM {q(profile.db_table)} "
        f"WHERE {q(profile.get_field('user').column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        row = cursor.fetchone()
    if row is None:
        raise Profile.DoesNotExist("The user has no profile.")
    return row[0], row[1] or 0
