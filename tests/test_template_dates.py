"""The pages' `date` filter (config/template_dates.py) says what Django's says, for every format
the templates use and any made of its letters, in any zone; anything else is Django's."""

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.template import engines
from django.template.defaultfilters import date as django_date
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from config.template_dates import date as fast_date

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
USED = sorted(
    {
        match
        for path in TEMPLATES.rglob("*.html")
        for match in re.findall(r'\|date:"([^"]*)"', path.read_text())
    }
)
ZONES = [ZoneInfo(name) for name in ("UTC", "Europe/Paris", "Australia/Lord_Howe", "Asia/Kolkata")]
moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)).map(
    lambda naive: naive.replace(tzinfo=UTC)
)
formats = st.text(alphabet="jdmMFYDlHi ,:-/.·", min_size=1, max_size=12)


def test_the_templates_use_formats_of_their_own():
    assert {"j M Y", "D j M Y, H:i"} <= set(USED)


@settings(max_examples=400, deadline=None)
@given(moments, st.sampled_from(ZONES), st.sampled_from(USED) | formats)
def test_a_moment_reads_as_djangos_filter_reads_it(moment, zone, format_string):
    local = timezone.localtime(moment, zone)
    assert fast_date(local, format_string) == django_date(local, format_string)


@settings(max_examples=200, deadline=None)
@given(st.dates(), st.sampled_from(USED) | formats)
def test_a_day_reads_as_djangos_filter_reads_it(day, format_string):
    try:
        expected = django_date(day, format_string)
    except TypeError as refused:  # hours of a day: Django refuses, and so does this filter
        try:
            fast_date(day, format_string)
        except TypeError as also:
            assert str(also) == str(refused)
            return
        raise AssertionError("a day with hours was formatted") from None
    assert fast_date(day, format_string) == expected


def test_what_it_does_not_know_goes_to_django():
    moment = datetime(2026, 3, 29, 1, 30, tzinfo=UTC).astimezone(ZoneInfo("Europe/Paris"))
    for format_string in ("e", "T", "c", r"\d\a\y j", "N j, Y", "DATE_FORMAT", "jS F"):
        assert fast_date(moment, format_string) == django_date(moment, format_string)
    assert fast_date(None, "j M Y") == django_date(None, "j M Y") == ""
    assert fast_date("not a date", "j M Y") == django_date("not a date", "j M Y")


def test_another_language_is_djangos():
    moment = datetime(2026, 5, 4, 9, 5, tzinfo=UTC)
    with translation.override("fr"):
        assert fast_date(moment, "D j M Y") == django_date(moment, "D j M Y")
        assert fast_date(moment, "l j F Y") == django_date(moment, "l j F Y")


def test_templates_use_it_in_the_current_zone():
    template = engines["django"].from_string('{{ when|date:"D j M Y, H:i" }}')
    when = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)
    with timezone.override(ZoneInfo("Europe/Paris")):
        assert template.render({"when": when}) == "Sun 29 Mar 2026, 00:30"
    library = engines["django"].engine.template_builtins[-1]
    assert library.filters["date"] is fast_date
