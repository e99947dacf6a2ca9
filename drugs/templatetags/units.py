from django import template

from drugs.durations import spoken_duration
from drugs.units import plain

register = template.Library()


@register.filter
def qty(value) -> str:
    """Return a number without trailing zeros: 350.00 → '350', 2.50 → '2.5'."""
    if value is None or value == "":
        return ""
    return f"{plain(value):f}"


@register.filter
def duration(value) -> str:
    """Return a timedelta in words ("1 hour 30 minutes"); nothing for None."""
    if value is None or value == "":
        return ""
    return spoken_duration(value)
