"""Dose checks at and just over each limit (no database)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from tracker.rules.doses import (
    amount_findings,
    daily_total_findings,
    daily_totals,
    dose_findings,
    local_day,
    next_dose_earliest,
    prescribed_pace_findings,
    spacing_findings,
)
from tracker.rules.findings import DoseFact, Level, Limits

LIMITS = Limits(
    dose_min_mg=Decimal("250"),
    dose_max_mg=Decimal("350"),
    max_daily_mg=Decimal("1400"),
    min_hours_between=Decimal("4"),
    source="SOMA-LABEL",
    app_defaults=frozenset({"max_daily_mg", "min_hours_between"}),
)
T0 = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


def test_exactly_the_per_dose_maximum_is_fine():
    assert amount_findings(Decimal("350"), LIMITS) == []


def test_just_over_the_per_dose_maximum_warns():
    [finding] = amount_findings(Decimal("350.01"), LIMITS)
    assert (finding.code, finding.level) == ("dose_above_max", Level.WARNING)
    assert "350 mg" in finding.message


def test_exactly_the_minimum_is_fine_and_just_under_is_flagged():
    assert amount_findings(Decimal("250"), LIMITS) == []
    [finding] = amount_findings(Decimal("249.99"), LIMITS)
    assert finding.code == "dose_below_min"


def test_a_day_total_at_the_maximum_is_fine_and_just_over_is_danger():
    day = T0.date()
    assert daily_total_findings(day, Decimal("1400"), LIMITS) == []
    [finding] = daily_total_findings(day, Decimal("1400.01"), LIMITS)
    assert (finding.code, finding.level) == ("daily_total_above_max", Level.DANGER)
    assert finding.app_default


def test_spacing_exactly_the_minimum_is_fine():
    assert spacing_findings(T0, T0 + timedelta(hours=4), LIMITS) == []


def test_spacing_a_minute_short_warns_with_the_gap():
    [finding] = spacing_findings(T0, T0 + timedelta(hours=3, minutes=59), LIMITS)
    assert finding.code == "dose_too_soon"
    assert finding.message == (
        "This dose came 3 hours 59 minutes after the previous one; the minimum gap is 4 hours."
    )
    assert finding.app_default


def test_the_first_dose_has_no_spacing_check():
    assert spacing_findings(None, T0, LIMITS) == []


def test_next_dose_is_the_minimum_gap_after_the_last():
    assert next_dose_earliest(T0, LIMITS) == T0 + timedelta(hours=4)
    assert next_dose_earliest(None, LIMITS) is None
    assert next_dose_earliest(T0, Limits()) is None


def test_unknown_limits_check_nothing():
    assert amount_findings(Decimal("9999"), Limits()) == []
    assert daily_total_findings(T0.date(), Decimal("9999"), Limits()) == []


def test_dose_findings_combine_amount_spacing_and_the_day_total():
    earlier = [DoseFact(T0 + timedelta(hours=h), Decimal("350")) for h in (0, 4, 8, 12)]
    late = DoseFact(T0 + timedelta(hours=13), Decimal("400"))
    codes = {f.code for f in dose_findings(late, earlier, UTC, LIMITS)}
    assert codes == {"dose_above_max", "dose_too_soon", "daily_total_above_max"}


def test_a_dose_at_2330_local_counts_on_the_local_day_not_the_utc_day():
    zone = ZoneInfo("America/New_York")
    late_evening = datetime(2026, 3, 10, 23, 30, tzinfo=zone)  # already 11 March in UTC
    assert late_evening.astimezone(UTC).date().day == 11
    assert local_day(late_evening, zone).day == 10
    totals = daily_totals(
        [
            DoseFact(late_evening, Decimal("350")),
            DoseFact(late_evening - timedelta(hours=5), Decimal("350")),
        ],
        zone,
    )
    assert totals == {late_evening.date(): Decimal("700")}


def test_spacing_is_real_elapsed_time_across_spring_forward():
    zone = ZoneInfo("Europe/Paris")
    # 29 March 2026: clocks jump from 02:00 to 03:00. 00:30 → 04:30 local is only 3 real hours.
    before = datetime(2026, 3, 29, 0, 30, tzinfo=zone)
    after = datetime(2026, 3, 29, 4, 30, tzinfo=zone)
    [finding] = spacing_findings(before.astimezone(UTC), after.astimezone(UTC), LIMITS)
    assert "came 3 hours after" in finding.message


def test_spacing_across_fall_back_counts_the_repeated_hour():
    zone = ZoneInfo("America/New_York")
    # 1 November 2026: 02:00 falls back to 01:00. 23:30 → 02:30 local is 4 real hours.
    before = datetime(2026, 10, 31, 23, 30, tzinfo=zone)
    after = datetime(2026, 11, 1, 2, 30, tzinfo=zone)
    assert spacing_findings(before.astimezone(UTC), after.astimezone(UTC), LIMITS) == []


def test_a_dose_sooner_than_the_prescribed_pace_says_both_gaps_in_words():
    [finding] = prescribed_pace_findings(T0 + timedelta(hours=2, minutes=5), [T0], 7)
    assert finding.code == "sooner_than_prescribed"
    assert finding.message.startswith(
        "This dose came 2 hours 5 minutes after the previous one; "
        "7 a day means about 3 hours 25 minutes between doses"
    )
