"""The country a time zone lies in, from the time zone database the app already ships (tzdata's
zone.tab: one country for each zone, and iso3166.tab for the countries' names)."""

from functools import cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def country_names() -> dict[str, str]:
    """Return ISO 3166 code → the country's name ("DE" → "Germany")."""
    return {row[0]: row[1] for row in _rows("iso3166.tab")}


@cache
def _zone_codes() -> dict[str, str]:
    return {row[2]: row[0] for row in _rows("zone.tab")}


def country_of_zone(zone: str) -> tuple[str, str] | None:
    """Return (ISO code, name) of the country the zone lies in, or None for a zone that names no
    country (UTC, Etc/GMT+5) or an old alias zone.tab does not list."""
    code = _zone_codes().get(zone)
    return (code, country_names()[code]) if code in country_names() else None
