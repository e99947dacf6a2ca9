"""Widgets and small helpers shared by the forms."""

import zoneinfo
from datetime import UTC, datetime, timedelta
from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html, format_html_join

from tracker.rules.zones import matching_zone

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time in the patient's zone. The hour that happens twice when the clocks go
    back is read as its first occurrence (a dose logged then is still recorded and checked,
    rather than refused with Django's "may be ambiguous" message); a time the clocks skipped
    when going forward never happened, and is refused with a message that says so."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code != "ambiguous_timezone":
                raise
        naive = self._naive(value)
        zone = timezone.get_current_timezone()
        first = naive.replace(tzinfo=zone, fold=0)
        if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
            raise ValidationError(
                f"{naive:%H:%M} on {naive:%d %b %Y} did not happen where you are: the clocks "
                f"went forward. Check the time (perhaps {naive + timedelta(hours=1):%H:%M}).",
                code="skipped_time",
            )
        return first

    def _naive(self, value) -> datetime:
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        for format in self.input_formats:
            try:
                return self.strptime(str(value).strip(), format)
            except (ValueError, TypeError):
                continue
        return parse_datetime(str(value).strip()).replace(tzinfo=None)


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
