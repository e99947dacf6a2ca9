"""The dose chart's data: a bar per day, a labelled date axis, the daily maximum as a line
(no database)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tracker.rules.chart import HEIGHT, MAX_TICKS, TOP, WIDTH, daily_chart, tick_every

START = date(2026, 3, 1)


def test_a_short_course_labels_every_day_under_its_bar():
    chart = daily_chart({START: Decimal("700")}, START, date(2026, 3, 5), Decimal("1400"))
    assert [t.day for t in chart.ticks] == [START + timedelta(days=n) for n in range(5)]
    for tick, bar in zip(chart.ticks, chart.bars, strict=True):
        assert tick.x == pytest.approx(bar.x + bar.width / 2)


@pytest.mark.parametrize("days", [1, 8, 9, 21, 30, 60, 100, 365])
def test_the_date_axis_never_holds_more_labels_than_fit(days):
    chart = daily_chart({}, START, START + timedelta(days=days - 1), Decimal("1400"))
    assert 1 <= len(chart.ticks) <= MAX_TICKS
    assert chart.ticks[0].day == START
    assert all(chart.left < t.x < chart.right for t in chart.ticks)


def test_labels_on_a_month_long_course_fall_a_week_apart():
    chart = daily_chart({}, START, START + timedelta(days=29), None)
    assert tick_every(30) == 7
    assert [t.course_day for t in chart.ticks] == [1, 8, 15, 22, 29]


def test_the_limit_line_sits_at_the_maximum_and_inside_the_drawing():
    totals = {START: Decimal("700"), START + timedelta(days=1): Decimal("2100")}
    chart = daily_chart(totals, START, START + timedelta(days=2), Decimal("1400"))
    assert chart.limit_y is not None
    assert 0 < chart.limit_y < chart.baseline_y < chart.axis_label_y < HEIGHT
    half = chart.bars[0]
    assert half.y == pytest.approx((chart.limit_y + chart.baseline_y) / 2)
    assert chart.bars[1].y < chart.limit_y  # the day above the maximum rises past the line
    assert [b.over for b in chart.bars] == [False, True, False]
    assert chart.any_over


def test_a_day_at_the_maximum_is_not_over_it():
    chart = daily_chart({START: Decimal("1400")}, START, START, Decimal("1400"))
    assert not chart.bars[0].over and not chart.any_over
    assert chart.bars[0].y == chart.limit_y


def test_without_a_known_maximum_there_is_no_line_and_nothing_is_over():
    chart = daily_chart({START: Decimal("9000")}, START, START + timedelta(days=1), None)
    assert chart.limit_y is None and chart.max_daily_mg is None
    assert not chart.any_over
    assert chart.bars[0].y == pytest.approx(TOP)  # the tallest bar fills the drawing's height


def test_bars_stay_within_the_width_and_keep_their_days_in_order():
    chart = daily_chart({}, START, START + timedelta(days=20), Decimal("1400"))
    assert chart.first_day == START and chart.last_day == START + timedelta(days=20)
    assert chart.bars[0].x > 0 and chart.bars[-1].x + chart.bars[-1].width < WIDTH
    assert [b.course_day for b in chart.bars] == list(range(1, 22))


def test_a_course_that_starts_later_than_the_last_day_still_has_one_bar():
    chart = daily_chart({}, START, START - timedelta(days=3), Decimal("1400"))
    assert len(chart.bars) == 1 and len(chart.ticks) == 1
