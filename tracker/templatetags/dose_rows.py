"""A dose's problems (tracker/pages/history.py Problem rows) as the history and a shared page
list them: drawn by a tag, since a page of history has a row per dose."""

from django import template
from django.utils.html import format_html, format_html_join

from tracker.rules.findings import Level

register = template.Library()

BADGE_CLASS = {Level.DANGER: "text-bg-danger", Level.WARNING: "text-bg-warning"}


@register.simple_tag
def dose_problems(row, prescriber: str = "") -> str:
    """Return the row's problems as a list, each with its badge and reason; nothing when the
    dose broke no rule. `prescriber`: whose prescriber the app-default note speaks of."""
    if not row.problems:
        return ""
    items = format_html_join(
        "",
        '<li class="dose-problem" data-problem="{}"><span class="badge {}">{}</span> '
        '<span class="reason">{}</span>{}</li>',
        (
            (
                p.code,
                BADGE_CLASS.get(p.level, "text-bg-info"),
                p.badge,
                p.reason,
                format_html(
                    ' <span class="text-body-secondary">(The threshold is an app default: '
                    "confirm it with {}.)</span>",
                    prescriber or "your prescriber",
                )
                if p.app_default
                else "",
            )
            for p in row.problems
        ),
    )
    return format_html(
        '<ul class="dose-problems small" aria-label="Problems with this dose">{}</ul>', items
    )
