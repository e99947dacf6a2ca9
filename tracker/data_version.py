"""The version numbers that key cached data: the user's own data and the reference data.

Every service that changes a user's courses, doses, co-medications, taper plans or check-ins
calls `bump` for the owner in the same transaction (tracker/services/); reference changes move
drugs.ReferenceVersion (drugs/changes.py). Data cached under both numbers (and the local date)
therefore never outlives what it was built from. Nothing moves them behind a writer's back.
"""

from typing import NamedTuple

from django.db import connections, router
from django.db.models import F

from drugs.models import ReferenceVersion
from tracker.models import CheckIn, Profile


def bump(*, user_id: int) -> str:
    """Move the user's data version, and return the time zone their per-day dose totals are
    kept in (tracker/models/dose_days.py; "" when none), read by the same statement where the
    database can: the dose writes need both."""
    connection = connections[router.db_for_write(Profile)]
    if not connection.features.can_return_columns_from_insert:  # SQLite before 3.35
        profiles = Profile.objects.filter(user_id=user_id)
        profiles.update(data_version=F("data_version") + 1)
        return profiles.values_list("dose_days_zone", flat=True).first() or ""
    q, meta = connection.ops.quote_name, Profile._meta
    version = q(meta.get_field("data_version").column)
    sql = (
        f"UPDATE {q(meta.db_table)} SET {version} = {version} + 1 "
        f"WHERE {q(meta.get_field('user').column)} = %s "
        f"RETURNING {q(meta.get_field('dose_days_zone').column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id])
        row = cursor.fetchone()
    return row[0] if row else ""


class Versions(NamedTuple):
    data: int  # the user's data version
    reference: int  # the reference data version
    # Whether an urgent check-in's banner is open: never kept with the data, asked in the same
    # read because every dashboard load needs both.
    urgent_open: bool
    # The patient's usual dose times (texts, as on Profile): what the dashboard's data needs of
    # the profile, read here rather than joined to every course. They move the data version.
    dose_times: tuple[str, ...] = ()


def versions_for(user) -> Versions:
    """Return the user's data version, the reference data version, whether an urgent
    check-in is open and the user's dose times, in one query. Written as SQL: the dashboard
    asks on every load, and the ORM takes twice the database's round trip to build this read
    (docs/performance.md)."""
    connection = connections[router.db_for_read(Profile)]
    q = connection.ops.quote_name
    profile, reference = Profile._meta, ReferenceVersion._meta
    times = profile.get_field("dose_times")
    urgent_sql, urgent_params = CheckIn.objects.urgent_open_sql(connection, user.pk)
    sql = (
        f"SELECT {q(profile.get_field('data_version').column)}, "
        f"(SELECT {q(reference.get_field('number').column)} FROM {q(reference.db_table)} "
        f"WHERE {q('id')} = 1), EXISTS ({urgent_sql}), {q(times.column)} "
        f"FROM {q(profile.db_table)} "
        f"WHERE {q(profile.get_field('user').column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*urgent_params, user.pk])
        row = cursor.fetchone()
    if row is None:
        raise Profile.DoesNotExist("The user has no profile.")
    dose_times = times.from_db_value(row[3], None, connection) or ()
    return Versions(row[0], row[1] or 0, bool(row[2]), tuple(dose_times))
