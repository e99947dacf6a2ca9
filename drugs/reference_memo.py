"""What follows from reference data alone, built once per reference version and kept in this
process: the public drug and class pages, which are the same for every visitor.

Every reference change moves drugs.ReferenceVersion (drugs/changes.py): the first read after
it finds a new number and drops everything kept. Entries are read-only once kept: several
threads may hand out the same one.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import TypeVar

from drugs.models import ReferenceVersion

T = TypeVar("T")

# A drug page with every interaction of a much-interacting drug is about 100 kB of objects and
# rendered HTML: a few hundred pages stay under about 30 MB a worker; the least read go first.
MAX_ENTRIES = 300


class _Kept:
    def __init__(self):
        self.version = -1
        self.entries: OrderedDict[Hashable, object] = OrderedDict()
        self.lock = Lock()


_kept = _Kept()


def kept_for_version(key: Hashable, build: Callable[[], T]) -> T:
    """Return `build()` for the current reference version, built once per version and key."""
    # Read the version before building: an edit committed meanwhile files the new content
    # under the old number, which the next read drops, never old content under the new one.
    version = ReferenceVersion.current()
    with _kept.lock:
        if version != _kept.version:
            _kept.entries.clear()
            _kept.version = version
        if key in _kept.entries:
            _kept.entries.move_to_end(key)
            return _kept.entries[key]
    value = build()
    with _kept.lock:
        if version == _kept.version:
            _kept.entries[key] = value
            while len(_kept.entries) > MAX_ENTRIES:
                _kept.entries.popitem(last=False)
    return value


def forget_kept() -> None:
    """Drop everything kept (tests roll the version back with the rows it was built from)."""
    with _kept.lock:
        _kept.entries.clear()
        _kept.version = -1
