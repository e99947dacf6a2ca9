"""Level icons and severity badges: drawn by tags, not included templates, because a page of
findings shows dozens and an include costs a template render each."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

register = template.Library()

_SHAPES = {
    "danger": '<polygon points="5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5" fill="#b02a37"/>'
    '<rect x="7" y="4" width="2" height="5" fill="#fff"/>'
    '<rect x="7" y="10.5" width="2" height="2" fill="#fff"/>',
    "check": '<circle cx="8" cy="8" r="7" fill="#146c43"/>'
    '<polyline points="4.5,8.3 7,10.8 11.7,5.5" fill="none" stroke="#fff" stroke-width="1.8"/>',
    "warning": '<polygon points="8,1 15.5,15 0.5,15" fill="#fd7e14"/>'
    '<rect x="7.1" y="5.5" width="1.8" height="5" fill="#212529"/>'
    '<rect x="7.1" y="11.7" width="1.8" height="1.8" fill="#212529"/>',
    "info": '<circle cx="8" cy="8" r="7" fill="#0d6efd"/>'
    '<rect x="7.1" y="7" width="1.8" height="5.5" fill="#fff"/>'
    '<rect x="7.1" y="3.7" width="1.8" height="1.8" fill="#fff"/>',
}
# The text beside an icon always says the level too: the icon is hidden from screen readers.
_ICONS = {
    name: mark_safe(  # noqa: S308 - constant markup written above
        '<svg class="level-icon" aria-hidden="true" focusable="false" width="18" height="18" '
        f'viewBox="0 0 16 16">{shape}</svg>'
    )
    for name, shape in _SHAPES.items()
}


@register.simple_tag
def level_icon(name: str) -> str:
    """Return the small icon of a level: "danger", "warning", "check", anything else "info"."""
    return _ICONS.get(name, _ICONS["info"])


@register.simple_tag
def finding_icon(level: int) -> str:
    """Return the icon of a finding's level: danger at 3, warning at 1 or 2, else info."""
    return _ICONS["danger" if level == 3 else "warning" if level >= 1 else "info"]


@register.simple_tag
def severity_badge(severity: str, label: str = "") -> str:
    """Return an interaction severity as a badge; the label defaults to the severity."""
    return format_html(
        '<span class="badge severity severity-{}">{}</span>', severity, label or capfirst(severity)
    )
