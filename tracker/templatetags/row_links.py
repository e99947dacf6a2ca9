"""`{% row_url "dose_edit" dose.pk %}`: the link of one row of a long list, as `{% url %}` says it.

`reverse()` costs about 25 µs a call, and a page of 50 doses or 40 co-medications asks it a
hundred times for three or four names (docs/performance.md). The URL of a name with one
number in it is reversed once with a marker number, then the row's number is put in its place;
anything else (another argument, a marker that is not found once) is reversed as usual.
tests/tracker/test_row_links.py checks it against `reverse()` for every such name.
"""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

MARKER = 987654321


@lru_cache(maxsize=256)
def _around_marker(name: str, urlconf, prefix: str) -> tuple[str, str] | None:
    url = reverse(name, args=[MARKER], urlconf=urlconf)
    before, found, after = url.partition(str(MARKER))
    if not found or str(MARKER) in after:
        return None
    return before, after


def row_url(name: str, pk) -> str:
    """Return reverse(name, args=[pk]) for an integer pk, from the name's URL reversed once."""
    if type(pk) is int and pk >= 0:
        parts = _around_marker(name, get_urlconf(), get_script_prefix())
        if parts is not None:
            return f"{parts[0]}{pk}{parts[1]}"
    return reverse(name, args=[pk])


register.simple_tag(row_url, name="row_url")
