"""The `date` template filter, faster for the formats the pages use, with Django's output.

Django's filter parses its format string and builds a formatter on every call: about 50 µs a
date, and the dense pages show a hundred or more (a co-medications page, 188: a quarter of its
time; docs/performance.md). Here each format string is parsed once; a format with anything
else than the letters below (escapes, time zones, setting names), a value that is not a date,
or a language other than English goes to Django's filter, as before. Loaded as a template
builtin after Django's (config/settings.py), so `|date:` in any template means this one;
tests/test_template_dates.py checks it says what Django's says.
"""

import datetime as dt
from functools import lru_cache

from django.template import Library
from django.template.defaultfilters import date as django_date
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import get_language

register = Library()

DATE_LETTERS = {
    "j": lambda v: str(v.day),
    "d": lambda v: f"{v.day:02d}",
    "m": lambda v: f"{v.month:02d}",
    "Y": lambda v: f"{v.year:04d}",
    # Names as Django's formatter says them. _name caches them without the language: right only
    # because the fast path runs for English alone (anything else goes to Django's filter).
    "M": lambda v: _name("M", v.month),
    "F": lambda v: _name("F", v.month),
    "D": lambda v: _name("D", v.weekday()),
    "l": lambda v: _name("l", v.weekday()),
}
TIME_LETTERS = {
    "H": lambda v: f"{v.hour:02d}",
    "i": lambda v: f"{v.minute:02d}",
}


@lru_cache(maxsize=64)
def _name(letter: str, index: int) -> str:
    names = {"M": MONTHS_3, "F": MONTHS, "D": WEEKDAYS_ABBR, "l": WEEKDAYS}[letter]
    return str(names[index]).title() if letter == "M" else str(names[index])


@lru_cache(maxsize=128)
def _parsed(format_string: str) -> tuple | None:
    """Return the format as literal strings and letter functions, or None if it is not ours."""
    pieces, has_time = [], False
    for char in format_string:
        if char in DATE_LETTERS:
            pieces.append(DATE_LETTERS[char])
        elif char in TIME_LETTERS:
            pieces.append(TIME_LETTERS[char])
            has_time = True
        elif char.isalpha() or char == "\\" or not char.isprintable():
            return None
        else:
            pieces.append(char)
    return tuple(pieces), has_time


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):  # noqa: A001 - the name every template uses
    parsed = _parsed(arg) if isinstance(arg, str) and arg else None
    english = (get_language() or "en").startswith("en")
    if parsed is None or not english or not isinstance(value, dt.date):
        return django_date(value, arg)
    pieces, has_time = parsed
    if has_time and not isinstance(value, dt.datetime):
        return django_date(value, arg)  # Django's answer for a day with hours: its own
    return "".join(p if isinstance(p, str) else p(value) for p in pieces)
