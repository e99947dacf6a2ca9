from django import template

from drugs.units import plain

register = template.Library()


@register.filter
def qty(value) -> str:
    """Return a number without trailing zeros: 350.00 → '350', 2.50 → '2.5'."""
    if value is None or value == "":
        return ""
    return f"{plain(value):f}"
