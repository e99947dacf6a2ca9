"""Which time zone a person meant, from what they typed or their browser reported."""

from collections.abc import Iterable


def _key(text: str) -> str:
    return text.strip().replace(" ", "_").casefold()


def matching_zone(text: str, zones: Iterable[str]) -> str | None:
    """Return the zone name the text stands for, spelled as in the list, or None.

    The exact name first; then the same name in any case or with spaces for underscores
    ("europe/paris", "America/New York"); then a city alone ("Tokyo", "new york") when exactly one
    zone ends with it. Anything else is None, never a guess.
    """
    names = list(zones)
    wanted = text.strip()
    if not wanted:
        return None
    if wanted in names:
        return wanted
    key = _key(wanted)
    by_key = {_key(name): name for name in names}
    if key in by_key:
        return by_key[key]
    if "/" in key:
        return None
    cities = [name for name in names if _key(name).rsplit("/", 1)[-1] == key]
    return cities[0] if len(cities) == 1 else None
