"""Widgets and small helpers shared by the forms."""

import zoneinfo
from functools import cache

from django import forms
from django.utils.html import format_html, format_html_join

from tracker.rules.zones import matching_zone

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def without_controls(text: str) -> str:
    """Drop NUL and other control characters that a paste can carry; keep line breaks."""
    return "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32).strip()


@cache
def known_zones() -> tuple[str, ...]:
    """Return every zone name zoneinfo knows, sorted."""
    return tuple(sorted(zoneinfo.available_timezones()))


class TimeZoneInput(forms.TextInput):
    """A text box that offers the zones as the user types (a <datalist>): searchable by any part
    of the name, with no script, instead of a select of some 600 names."""

    def __init__(self, attrs=None):
        base = {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        super().__init__(base | (attrs or {}))

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or self.attrs.get('id') or name}-zones"
        attrs["list"] = list_id
        box = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '<option value="{}"></option>', ((z,) for z in known_zones())
        )
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


class TimeZoneField(forms.CharField):
    """A zone typed or picked from the list, cleaned to its name in zoneinfo's list."""

    widget = TimeZoneInput

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Time zone")
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return text
        zone = matching_zone(text, known_zones())
        if zone is None:
            raise forms.ValidationError(
                "“%(typed)s” is not a time zone we know. Type your city and pick it from the "
                "list, such as Europe/Paris or America/New_York.",
                code="unknown_zone",
                params={"typed": text[:40]},
            )
        return zone


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_LOCAL, **kwargs)
