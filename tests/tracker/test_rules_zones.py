"""Which zone a typed name stands for: plain values, no database."""

import zoneinfo

import pytest

from tracker.rules.zones import matching_zone

ZONES = zoneinfo.available_timezones()


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Paris", "Europe/Paris"),
        ("  Asia/Tokyo ", "Asia/Tokyo"),
        ("europe/paris", "Europe/Paris"),
        ("America/New York", "America/New_York"),
        ("Tokyo", "Asia/Tokyo"),
        ("new york", "America/New_York"),
        ("UTC", "UTC"),
    ],
)
def test_it_finds_the_zone_a_person_meant(typed, zone):
    assert matching_zone(typed, ZONES) == zone


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "Mars/Olympus_Mons",
        "Europe/Atlantis",
        "Paris/Europe",
        "Europe",  # a region, not a zone
        "../../etc/passwd",
        "Europe/Paris\x00",
        "x" * 300,
    ],
)
def test_it_refuses_anything_that_is_not_a_zone(typed):
    assert matching_zone(typed, ZONES) is None


def test_a_city_in_two_regions_is_not_guessed():
    zones = {"America/Indiana/Knox", "America/North_Dakota/Knox"}
    assert matching_zone("Knox", zones) is None
    assert matching_zone("america/indiana/knox", zones) == "America/Indiana/Knox"
