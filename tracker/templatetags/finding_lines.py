"""A finding on one line, what it explains and its source opening below: drawn by a tag, since
a dashboard with many co-medications shows dozens."""

from django import template
from django.utils.html import format_html

from drugs.templatetags.badges import finding_icon, severity_badge
from tracker.rules.findings import Finding

register = template.Library()

APP_DEFAULT = (
    "This threshold is an app default, not a figure from the label or another source: "
    "confirm it with your prescriber."
)


def _badge(finding: Finding) -> str:
    """Return the severity badge; a combination's is its own: a source's "major" grade for
    it would read as milder than a contraindicated pair shown below it."""
    if finding.code == "combination":
        return severity_badge("contraindicated", "Most dangerous combination")
    return severity_badge(finding.severity)


@register.simple_tag
def finding_line(finding: Finding) -> str:
    details = format_html('<p class="mb-1">{}</p>', finding.details) if finding.details else ""
    if finding.app_default:
        origin = format_html('<p class="mb-0">{}</p>', APP_DEFAULT)
    elif finding.source:
        origin = format_html('<p class="mb-0">Source: {}.</p>', finding.source)
    else:
        origin = ""
    severity = finding.severity
    return format_html(
        '<details class="alert finding finding-line finding-{} py-2 px-3 mb-2" '
        'data-finding="{}"{}>\n<summary><span class="finding-icon">{} </span>{}'
        '<strong>{}:</strong> <span class="finding-message">{}</span></summary>\n'
        '<div class="finding-details small mt-1">{}{}</div>\n</details>',
        finding.level.name.lower(),
        finding.code,
        format_html(' data-severity="{}"', severity) if severity else "",
        finding_icon(finding.level),
        format_html("{} ", _badge(finding)) if severity else "",
        finding.level.label,
        finding.headline,
        details,
        origin,
    )
