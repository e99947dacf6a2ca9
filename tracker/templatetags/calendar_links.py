"""The feed's address for calendar apps: webcal:// asks the device's calendar to subscribe."""

from django import template

register = template.Library()


@register.filter
def webcal(url: str) -> str:
    """Return the http(s) address with the webcal scheme, which calendar apps subscribe to."""
    _, sep, rest = url.partition("://")
    return f"webcal://{rest}" if sep else url
