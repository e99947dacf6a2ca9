"""The course's current findings, supply, and the chart (no database)."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from tracker.rules.chart import daily_chart
from tracker.rules.course import current_findings
from tracker.rules.findings import CourseFacts, DoseFact, Level, Limits
from tracker.rules.supply import runs_out_on, supply_findings

LIMITS = Limits(
    dose_min_mg=Decimal("250"),
    dose_max_mg=Decimal("350"),
    max_daily_mg=Decimal("1400"),
    min_hours_between=Decimal("4"),
    caution_day=11,
    limit_day=14,
    hard_limit_day=21,
    controlled=True,
)
COURSE = CourseFacts(start_date=date(2026, 3, 1), mg_per_intake=Decimal("350"), intakes_per_day=4)


def at(day, hour, minute=0, zone=UTC):
    return datetime(2026, 3, day, hour, minute, tzinfo=zone)


def test_findings_are_most_serious_first():
    doses = [DoseFact(at(12, h), Decimal("400")) for h in (6, 8, 10, 12)]
    findings = current_findings(COURSE, doses, date(2026, 3, 12), UTC, LIMITS)
    levels = [f.level for f in findings]
    assert levels == sorted(levels, reverse=True)
    assert findings[0].code == "daily_total_above_max"


def test_only_todays_doses_raise_dose_findings():
    yesterday = [DoseFact(at(5, 8), Decimal("500"))]
    findings = current_findings(COURSE, yesterday, date(2026, 3, 6), UTC, LIMITS)
    assert [f.code for f in findings] == ["course_day"]


def test_the_same_finding_is_reported_once():
    doses = [DoseFact(at(5, 8), Decimal("400")), DoseFact(at(5, 14), Decimal("400"))]
    findings = current_findings(COURSE, doses, date(2026, 3, 5), UTC, LIMITS)
    assert [f.code for f in findings].count("dose_above_max") == 1


def test_an_ended_course_is_judged_on_its_end_date():
    ended = CourseFacts(
        start_date=date(2026, 3, 1),
        end_date=date(2026, 3, 10),
        mg_per_intake=Decimal("350"),
        intakes_per_day=4,
    )
    findings = current_findings(ended, [], date(2026, 6, 1), UTC, LIMITS)
    assert findings[0].message == "Day 10 of at most 21."


def test_the_day_total_uses_the_users_local_day():
    zone = ZoneInfo("Europe/Berlin")
    # 00:30 Berlin on the 6th is 23:30 UTC on the 5th: it belongs to the 6th for this user.
    doses = (
        [DoseFact(at(5, 20, zone=zone), Decimal("350")) for _ in range(1)]
        + [
            DoseFact(datetime(2026, 3, 6, 0, 30, tzinfo=zone), Decimal("350")),
        ]
        + [
            DoseFact(datetime(2026, 3, 6, h, 0, tzinfo=zone), Decimal("350"))
            for h in (5, 10, 15, 20)
        ]
    )
    findings = current_findings(COURSE, doses, date(2026, 3, 6), zone, LIMITS)
    assert "1750 mg" in next(f for f in findings if f.code == "daily_total_above_max").message


def test_supply_runs_out_at_the_prescribed_rate():
    course = CourseFacts(
        start_date=date(2026, 3, 1),
        mg_per_intake=Decimal("350"),
        intakes_per_day=3,
        tablets_dispensed=30,
    )
    assert runs_out_on(course) == date(2026, 3, 10)
    [info] = supply_findings(course, Decimal("0"), LIMITS)
    assert info.level == Level.INFO and "10 Mar 2026" in info.message


def test_supply_uses_the_tablet_strength_when_given():
    course = CourseFacts(
        start_date=date(2026, 3, 1),
        mg_per_intake=Decimal("350"),
        intakes_per_day=2,
        tablets_dispensed=20,
        tablet_mg=Decimal("175"),
    )
    assert runs_out_on(course) == date(2026, 3, 5)


def test_logging_more_than_dispensed_flags_an_early_refill():
    course = CourseFacts(
        start_date=date(2026, 3, 1),
        mg_per_intake=Decimal("350"),
        intakes_per_day=4,
        tablets_dispensed=10,
    )
    assert [f.code for f in supply_findings(course, Decimal("3500"), LIMITS)] == ["supply_runs_out"]
    flagged = supply_findings(course, Decimal("3500.01"), LIMITS)[-1]
    assert flagged.code == "supply_exceeded"
    assert "controlled substance" in flagged.message


def test_no_supply_findings_when_the_tablet_count_is_unknown():
    assert supply_findings(COURSE, Decimal("99999"), LIMITS) == []


def test_the_chart_has_a_bar_per_day_and_marks_days_over_the_maximum():
    totals = {date(2026, 3, 1): Decimal("1400"), date(2026, 3, 3): Decimal("1750")}
    chart = daily_chart(totals, date(2026, 3, 1), date(2026, 3, 4), Decimal("1400"))
    assert [b.course_day for b in chart.bars] == [1, 2, 3, 4]
    assert [b.over for b in chart.bars] == [False, False, True, False]
    assert chart.bars[1].height == 0
    assert chart.limit_y is not None and chart.bars[0].y == chart.limit_y


def test_spacing_runs_across_midnight():
    doses = [DoseFact(at(5, 22), Decimal("350")), DoseFact(at(6, 0), Decimal("350"))]
    findings = current_findings(COURSE, doses, date(2026, 3, 6), UTC, LIMITS)
    assert "dose_too_soon" in [f.code for f in findings]
    assert all(f.code != "daily_total_above_max" for f in findings)
    assert timedelta(hours=2) == doses[1].taken_at - doses[0].taken_at
