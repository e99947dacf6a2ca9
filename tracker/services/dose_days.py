"""Keeping the per-day dose totals (tracker/models/dose_days.py) true: every dose write
recomputes the days it touched from the doses themselves, in the same transaction, and a change
of time zone rebuilds them all. A recomputation, not an increment: a row can never drift from
the doses it sums."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connections, router

from tracker.models import Course, Dose, DoseDay, Profile
from tracker.rules.doses import local_day


def refresh_dose_days(
    *, course: Course, moments: Iterable[datetime], zone_name: str, may_empty: bool = True
) -> None:
    """Recompute the course's totals for the local days of these moments (a dose's time before
    and after a write) in `zone_name`, the zone its owner's totals are kept in ("": none).
    `may_empty`: a day may have lost its last dose (a delete or an edit), so its row may go."""
    if not zone_name:
        return
    zone = ZoneInfo(zone_name)
    connection = connections[router.db_for_write(DoseDay)]
    for day in {local_day(moment, zone) for moment in moments}:
        start = datetime.combine(day, time.min, tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
        ops = connection.ops  # a raw statement: the values as the ORM would write them
        params = [
            course.pk,
            zone_name,
            ops.adapt_datefield_value(day),
            course.pk,
            ops.adapt_datetimefield_value(start),
            ops.adapt_datetimefield_value(end),
        ]
        with connection.cursor() as cursor:
            # One statement: the day's sum and count from its doses, written over the row.
            cursor.execute(_upsert_sql(connection), params)
            if may_empty:
                cursor.execute(_delete_empty_sql(connection), params)


def _names(connection) -> dict[str, str]:
    q = connection.ops.quote_name
    days, doses = DoseDay._meta, Dose._meta
    return {
        "days": q(days.db_table),
        "doses": q(doses.db_table),
        "course": q(days.get_field("course").column),
        "zone": q(days.get_field("zone").column),
        "day": q(days.get_field("day").column),
        "total": q(days.get_field("total_mg").column),
        "count": q(days.get_field("count").column),
        "dose_course": q(doses.get_field("course").column),
        "taken_at": q(doses.get_field("taken_at").column),
        "amount": q(doses.get_field("amount_mg").column),
    }


_DAY_DOSES = "{dose_course} = %s AND {taken_at} >= %s AND {taken_at} < %s"


def _upsert_sql(connection) -> str:
    return (
        "INSERT INTO {days} ({course}, {zone}, {day}, {total}, {count}) "
        "SELECT %s, %s, %s, SUM({amount}), COUNT(*) FROM {doses} WHERE " + _DAY_DOSES + " "
        "HAVING COUNT(*) > 0 "
        "ON CONFLICT ({course}, {zone}, {day}) DO UPDATE "
        "SET {total} = excluded.{total}, {count} = excluded.{count}"
    ).format(**_names(connection))


def _delete_empty_sql(connection) -> str:
    return (
        "DELETE FROM {days} WHERE {course} = %s AND {zone} = %s AND {day} = %s "
        "AND NOT EXISTS (SELECT 1 FROM {doses} WHERE " + _DAY_DOSES + ")"
    ).format(**_names(connection))


def rebuild_dose_days(*, user_id: int, zone_name: str) -> None:
    """Recompute all of the user's totals in this zone, and keep them in it from now on."""
    zone = ZoneInfo(zone_name)
    DoseDay.objects.filter(course__owner_id=user_id).delete()
    sums: dict[tuple, list] = defaultdict(lambda: [Decimal(0), 0])
    doses = Dose.objects.filter(course__owner_id=user_id).order_by()
    for course_id, taken_at, amount_mg in doses.values_list("course_id", "taken_at", "amount_mg"):
        day_sums = sums[(course_id, local_day(taken_at, zone))]
        day_sums[0] += amount_mg
        day_sums[1] += 1
    DoseDay.objects.bulk_create(
        DoseDay(course_id=course_id, zone=zone_name, day=day, total_mg=total, count=count)
        for (course_id, day), (total, count) in sums.items()
    )
    Profile.objects.filter(user_id=user_id).update(dose_days_zone=zone_name)
