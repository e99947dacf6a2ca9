"""Durations read as people say them: plain values, no database."""

from datetime import timedelta

import pytest
from django.template import Context, Template

from drugs.durations import spoken_duration


@pytest.mark.parametrize(
    ("duration", "words"),
    [
        (timedelta(0), "0 seconds"),
        (timedelta(seconds=1), "1 second"),
        (timedelta(seconds=45), "45 seconds"),
        (timedelta(minutes=1), "1 minute"),
        (timedelta(minutes=15), "15 minutes"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(hours=4), "4 hours"),
        (timedelta(hours=1, minutes=30), "1 hour 30 minutes"),
        (timedelta(hours=1.5), "1 hour 30 minutes"),
        (timedelta(hours=2, minutes=1), "2 hours 1 minute"),
        (timedelta(hours=24), "24 hours"),
        (timedelta(hours=36), "36 hours"),
        (timedelta(days=2), "2 days"),
        (timedelta(days=3, hours=1, minutes=5), "3 days 1 hour 5 minutes"),
        (timedelta(hours=24) / 7, "3 hours 25 minutes"),
    ],
)
def test_it_says_a_duration_in_words(duration, words):
    assert spoken_duration(duration) == words


def test_it_drops_a_part_minute_rather_than_round_up_to_a_limit():
    assert spoken_duration(timedelta(hours=3, minutes=59, seconds=59)) == "3 hours 59 minutes"


def test_it_refuses_a_negative_duration():
    with pytest.raises(ValueError):
        spoken_duration(timedelta(minutes=-5))


def test_the_template_filter_says_it_in_words_and_nothing_for_none():
    template = Template("{% load units %}[{{ a|duration }}][{{ b|duration }}]")
    html = template.render(Context({"a": timedelta(minutes=15), "b": None}))
    assert html == "[15 minutes][]"


def test_the_drug_page_says_the_minimum_gap_in_words():
    from decimal import Decimal

    from drugs.models import Drug
    from drugs.presenters import limit_rows

    rows = {row.label: row.value for row in limit_rows(Drug(min_hours_between=Decimal("1.5")))}
    assert rows["Minimum time between doses"] == "1 hour 30 minutes"
