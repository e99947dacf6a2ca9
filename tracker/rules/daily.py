"""A course day by day: the doses logged on each local day, their total, and whether the total
is above the daily maximum (the printable summary's daily table)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from decimal import Decimal

from tracker.rules.doses import local_day
from tracker.rules.findings import DoseFact


@dataclass(frozen=True)
class DayRow:
    day: date
    course_day: int
    doses: int
    total_mg: Decimal
    over: bool  # above the daily maximum; never when the maximum is unknown


def day_rows(
    doses: Iterable[DoseFact],
    zone: tzinfo,
    start: date,
    last_day: date,
    max_daily_mg: Decimal | None,
) -> list[DayRow]:
    """Return one row per course day from start to last_day (or to the last dose's day, if
    later), days without a dose included, oldest first."""
    counts: dict[date, int] = {}
    totals: dict[date, Decimal] = {}
    for dose in doses:
        day = local_day(dose.taken_at, zone)
        counts[day] = counts.get(day, 0) + 1
        totals[day] = totals.get(day, Decimal(0)) + dose.amount_mg
    end = max([last_day, *totals])
    rows = []
    for index in range(max((end - start).days + 1, 0)):
        day = start + timedelta(days=index)
        total = totals.get(day, Decimal(0))
        rows.append(
            DayRow(
                day=day,
                course_day=index + 1,
                doses=counts.get(day, 0),
                total_mg=total,
                over=max_daily_mg is not None and total > max_daily_mg,
            )
        )
    return rows
