"""What a typed name stands for, against the reference data as it is now.

The index of every known name (drugs/names.py) is built from the database once per reference
version and kept in this process: an admin edit moves the version, and the next look-up
rebuilds it. The add form, the suggestion endpoint and the linking service all use `look_up`.
"""

from dataclasses import dataclass
from threading import Lock

from drugs.models import Drug, ReferenceVersion
from drugs.name_rows import name_rows
from drugs.names import NameIndex, Resolution, build_index, resolve


@dataclass
class _Cached:
    version: int = -1
    index: NameIndex | None = None


_cached = _Cached()
_lock = Lock()


def name_index() -> NameIndex:
    """Return the index of known names for the current reference version."""
    version = ReferenceVersion.current()
    with _lock:
        if _cached.index is None or _cached.version != version:
            _cached.index, _cached.version = build_index(name_rows()), version
        return _cached.index


def forget_index() -> None:
    """Drop the kept index (tests roll the version back with the rows it was built from)."""
    with _lock:
        _cached.index, _cached.version = None, -1


def look_up(text: str) -> Resolution:
    """Return what the typed name stands for: its ingredients, or suggestions to confirm."""
    return resolve(text, name_index())


def drug_ids(generic_names) -> dict[str, int]:
    """Return the id of each active drug by generic name (one query)."""
    rows = Drug.objects.filter(generic_name__in=list(generic_names)).values_list(
        "generic_name", "id"
    )
    return dict(rows)
