"""The country a time zone lies in, from the time zone database the app already ships (tzdata:
zone.tab gives one country for each zone, tzdata.zi's links the current name of an old one such
as Asia/Calcutta or GB, and iso3166.tab the countries' names)."""

from functools import cache
from importlib import resources

# Zones that name no place: the clock alone (UTC, GMT+0, Etc/GMT+5).
NO_PLACE = {"UTC", "UCT", "GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich", "Universal", "Zulu"}

# A zone that names a place the database gives no country (an unknown name).
UNKNOWN = ("", "")
# Zones named after a time, not a place (CET, EST5EDT): the database links some of them to one
# city (CET to Brussels), which says nothing of where the patient is.
BY_TIME_ONLY = {
    "CET",
    "EET",
    "MET",
    "WET",
    "EST",
    "MST",
    "HST",
    "EST5EDT",
    "CST6CDT",
    "MST7MDT",
    "PST8PDT",
}


def _text(name: str) -> str:
    return resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    lines = _text(name).splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


@cache
def country_names() -> dict[str, str]:
    """Return ISO 3166 code → the country's name ("DE" → "Germany")."""
    return {row[0]: row[1] for row in _rows("iso3166.tab")}


@cache
def _zone_codes() -> dict[str, str]:
    return {row[2]: row[0] for row in _rows("zone.tab")}


@cache
def _links() -> dict[str, str]:
    """Return old name → the name it links to ("Asia/Calcutta" → "Asia/Kolkata")."""
    links = {}
    for line in _text("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, name = line.split()
            links[name] = target
    return links


def country_of_zone(zone: str) -> tuple[str, str] | None:
    """Return (ISO code, name) of the country the zone lies in; None for a zone that names no
    place (UTC, Etc/GMT+5); UNKNOWN for one whose country the database does not give."""
    if zone in BY_TIME_ONLY:
        return UNKNOWN
    for _ in range(5):  # a link may point to another link
        if zone in NO_PLACE or zone.startswith("Etc/"):
            return None
        if zone not in _links():
            break
        zone = _links()[zone]
    code = _zone_codes().get(zone)
    return (code, country_names()[code]) if code in country_names() else UNKNOWN
