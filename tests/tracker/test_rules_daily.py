"""The course day by day for the printable summary (no database)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from tracker.rules.daily import day_rows
from tracker.rules.findings import DoseFact

PARIS = ZoneInfo("Europe/Paris")


def test_day_rows_count_doses_by_local_day_and_mark_only_totals_above_the_maximum():
    """Pure rule: 23:30 UTC on 1 June is already 2 June in Paris."""
    utc = ZoneInfo("UTC")
    doses = [
        DoseFact(datetime(2026, 6, 1, 8, tzinfo=utc), 350),
        DoseFact(datetime(2026, 6, 1, 23, 30, tzinfo=utc), 1400),
        DoseFact(datetime(2026, 6, 2, 8, tzinfo=utc), 350),
    ]
    rows = day_rows(doses, PARIS, date(2026, 6, 1), date(2026, 6, 3), 1400)
    assert [(r.course_day, r.doses, r.total_mg, r.over) for r in rows] == [
        (1, 1, 350, False),
        (2, 2, 1750, True),
        (3, 0, 0, False),
    ]
    assert not any(r.over for r in day_rows(doses, PARIS, date(2026, 6, 1), date(2026, 6, 2), None))


def test_day_rows_run_on_to_a_dose_after_the_last_day():
    doses = [DoseFact(datetime(2026, 6, 5, 8, tzinfo=PARIS), 350)]
    rows = day_rows(doses, PARIS, date(2026, 6, 1), date(2026, 6, 3), 1400)
    assert [r.day for r in rows][-1] == date(2026, 6, 5) and len(rows) == 5
