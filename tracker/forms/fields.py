"""Widgets and small helpers shared by the forms."""

import zoneinfo

from django import forms

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def without_controls(text: str) -> str:
    """Drop NUL and other control characters that a paste can carry; keep line breaks."""
    return "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32).strip()


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_LOCAL, **kwargs)
