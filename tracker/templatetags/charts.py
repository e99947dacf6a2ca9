"""The daily-totals chart (tracker/rules/chart.py) as SVG with a table to read beside it.

Drawn in Python rather than a template: a course of a few weeks has a bar, a tooltip and a
table row per day, and the template engine's per-variable cost made the chart the dearest
part of the dashboard.
"""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from drugs.templatetags.units import qty
from tracker.rules.chart import Chart

register = template.Library()


def _day(value, pattern: str) -> str:
    """Return a date as the templates write it: "Mon 3 Nov" (D j M) or "3 Nov" (j M)."""
    return f"{value:%a} {value.day} {value:%b}" if pattern == "D j M" else f"{value.day} {value:%b}"


def _f(number: float) -> str:
    return f"{number:.1f}"


def _svg(chart: Chart, chart_id: str) -> str:
    limit = chart.max_daily_mg
    title = f"Daily totals from {_day(chart.first_day, 'j M')} to {_day(chart.last_day, 'j M')}"
    if limit:
        title += f", with the daily maximum of {qty(limit)} mg as a dashed line"
    if chart.any_over:
        title += "; days above it are marked “!”"
    title += ". The same figures are in the table below."
    parts = [
        f'<svg viewBox="0 0 {chart.width} {chart.height}" role="img" '
        f'aria-labelledby="chart-title-{chart_id}">',
        f'<title id="chart-title-{chart_id}">{escape(title)}</title>',
        f'<line class="axis" x1="{chart.left}" x2="{chart.right}" y1="{chart.baseline_y}" '
        f'y2="{chart.baseline_y}"/>',
    ]
    for bar in chart.bars:
        over = ", above the maximum" if bar.over else ""
        parts.append(
            f'<rect class="bar{" over" if bar.over else ""}" x="{_f(bar.x)}" y="{_f(bar.y)}" '
            f'width="{_f(bar.width)}" height="{_f(bar.height)}"><title>Day {bar.course_day} '
            f"({_day(bar.day, 'D j M')}): {qty(bar.total_mg)} mg{over}</title></rect>"
        )
        if bar.over:
            parts.append(f'<text class="over-mark" x="{_f(bar.x)}" y="{_f(bar.y - 4)}">!</text>')
    for tick in chart.ticks:
        parts.append(
            f'<line class="tick" x1="{_f(tick.x)}" x2="{_f(tick.x)}" y1="{chart.baseline_y}" '
            f'y2="{chart.baseline_y + 4}"/><text class="axis-label" x="{_f(tick.x)}" '
            f'y="{_f(chart.axis_label_y)}" text-anchor="middle">{_day(tick.day, "j M")}</text>'
        )
    if chart.limit_y is not None:
        parts.append(
            f'<line class="limit" x1="{chart.left}" x2="{chart.right}" y1="{_f(chart.limit_y)}" '
            f'y2="{_f(chart.limit_y)}"/>\n<text class="limit-label" x="{chart.left + 4}" '
            f'y="{_f(chart.limit_y - 5)}">max {qty(limit)} mg/day</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _table(chart: Chart) -> str:
    limit = chart.max_daily_mg
    against = f", against the daily maximum of {qty(limit)} mg" if limit else ""
    rows = []
    for bar in chart.bars:
        if limit is None:
            verdict = "no maximum known"
        else:
            verdict = "<strong>Yes</strong>" if bar.over else "No"
        over = ' class="over"' if bar.over else ""
        rows.append(
            f'<tr{over}><th scope="row">{bar.course_day}</th>'
            f"<td>{_day(bar.day, 'D j M')}</td><td>{qty(bar.total_mg)}</td><td>{verdict}</td></tr>"
        )
    return (
        '<details class="small chart-table"><summary>Daily totals as a table</summary>\n'
        '<table class="table table-sm w-auto">\n'
        f"<caption>Total taken each day{against}</caption>\n"
        '<thead><tr><th scope="col">Day</th><th scope="col">Date</th>'
        '<th scope="col">Total (mg)</th><th scope="col">Above the daily maximum?</th>'
        "</tr></thead>\n"
        f"<tbody>{''.join(rows)}</tbody>\n</table>\n</details>"
    )


@register.simple_tag
def daily_chart(chart: Chart, chart_id) -> SafeString:
    """Return the chart, its caption and its table; `chart_id` keeps ids unique on a page."""
    chart_id = escape(chart_id)
    caption = "Bars: mg taken each day, by date."
    if chart.max_daily_mg:
        caption += (
            f" Dashed line: the daily maximum of {qty(chart.max_daily_mg)} mg; "
            "days above it are marked “!”."
        )
    # Every value above is a number, a date or text escaped here: nothing else reaches the page.
    return format_html(
        '<figure class="chart mb-0">\n{}\n<figcaption class="small text-body-secondary">{}'
        "</figcaption>\n{}\n</figure>",
        mark_safe(_svg(chart, chart_id)),  # noqa: S308 - built above from numbers and escaped text
        caption,
        mark_safe(_table(chart)),  # noqa: S308 - built above from numbers and dates
    )
