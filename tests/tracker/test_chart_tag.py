"""The daily-totals chart drawn by its tag: bars, marks over the limit, the table, escaping."""

from datetime import date
from decimal import Decimal

from django.template import Context, Template

from tracker.rules.chart import daily_chart

START = date(2026, 6, 1)


def _render(chart, chart_id="7") -> str:
    template = Template("{% load charts %}{% daily_chart chart chart_id %}")
    return template.render(Context({"chart": chart, "chart_id": chart_id}))


def test_a_day_over_the_limit_is_marked_in_the_bars_and_the_table():
    totals = {START: Decimal("1750.00"), date(2026, 6, 2): Decimal("700")}
    html = _render(daily_chart(totals, START, date(2026, 6, 3), Decimal("1400")))
    assert html.count('<rect class="bar') == 3
    assert html.count('class="bar over"') == 1 and html.count('class="over-mark"') == 1
    assert "<title>Day 1 (Mon 1 Jun): 1750 mg, above the maximum</title>" in html
    assert '<tr class="over"><th scope="row">1</th><td>Mon 1 Jun</td><td>1750</td>' in html
    assert "<td>Tue 2 Jun</td><td>700</td><td>No</td>" in html
    assert "max 1400 mg/day" in html and "days above it are marked “!”" in html


def test_without_a_known_maximum_there_is_no_limit_line_and_the_table_says_so():
    html = _render(daily_chart({START: Decimal("350")}, START, START, None))
    assert 'class="limit"' not in html and "dashed line" not in html
    assert "<td>no maximum known</td>" in html


def test_the_id_is_escaped():
    html = _render(daily_chart({}, START, START, None), chart_id='"><script>')
    assert "<script>" not in html
    assert 'id="chart-title-&quot;&gt;&lt;script&gt;"' in html
