from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def qty(value) -> str:
    """Return a number without trailing zeros: 350.00 → '350', 2.50 → '2.5'."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).normalize()
    return f"{number:f}"


@register.filter
def get_item(mapping, key):
    """Return mapping[key], or an empty list when the key is missing."""
    return mapping.get(key, [])
