"""`{% row_url %}` (tracker/templatetags/row_links.py) says what `reverse()` says."""

import pytest
from django.template import engines
from django.urls import URLPattern, URLResolver, get_resolver, reverse, set_script_prefix

from tracker.templatetags.row_links import row_url


def _names_with_one_number(patterns=None, found=None):
    found = set() if found is None else found
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace:  # the admin's: not named bare
                continue
            _names_with_one_number(entry.url_patterns, found)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", {})
            if (
                len(converters) == 1
                and type(next(iter(converters.values()))).__name__ == "IntConverter"
            ):
                found.add(entry.name)
    return sorted(found)


NAMES = _names_with_one_number()


def test_the_rows_names_are_among_them():
    assert {"dose_edit", "dose_delete", "comedication_edit", "comedication_stop"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("pk", [0, 7, 987654321, 12345678901234])
def test_each_name_with_one_number_reads_as_reverse(name, pk):
    assert row_url(name, pk) == reverse(name, args=[pk])


def test_a_script_prefix_is_kept():
    set_script_prefix("/tracker/")
    try:
        assert row_url("dose_edit", 5) == reverse("dose_edit", args=[5]) == "/tracker/doses/5/edit/"
    finally:
        set_script_prefix("/")
    assert row_url("dose_edit", 5) == "/doses/5/edit/"


def test_anything_else_is_reversed_as_usual():
    assert row_url("dose_edit", "5") == reverse("dose_edit", args=["5"])
    with pytest.raises(Exception, match="Reverse"):
        row_url("dose_edit", "not a number")


def test_templates_say_the_same_as_the_url_tag():
    template = engines["django"].from_string(
        '{% load row_links %}{% row_url "comedication_stop" pk %}|{% url "comedication_stop" pk %}'
    )
    first, second = template.render({"pk": 42}).split("|")
    assert first == second == reverse("comedication_stop", args=[42])
