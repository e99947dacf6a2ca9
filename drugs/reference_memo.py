"""What follows from reference data alone, built once per reference version and kept in this
process: the public drug and class pages, which are the same for every visitor, and the
rules among a set of drugs, which are the same for every patient taking that set.

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


# The rules among one patient's set of drugs are a few kB: one entry per distinct set in use.
MAX_DRUG_SETS = 2000


class _Kept:
    def __init__(self, max_entries: int):
        self.version = -1
        self.max_entries = max_entries
        self.entries: OrderedDict[Hashable, object] = OrderedDict()
        self.lock = Lock()


_pages = _Kept(MAX_ENTRIES)
_drug_sets = _Kept(MAX_DRUG_SETS)


def kept_for_version(
    key: Hashable, build: Callable[[], T], *, version: int | None = None, sets: bool = False
) -> T:
    """Return `build()` for the current reference version (read here unless the caller has
    just read it), built once per version and key. `sets`: kept among the per-drug-set
    entries, apart from the pages so that many patients' sets never push the pages out."""
    kept = _drug_sets if sets else _pages
    # Read the version before building: an edit committed meanwhile files the new content
    # under the old number, which the next read drops, never old content under the new one.
    if version is None:
        version = ReferenceVersion.current()
    with kept.lock:
        if version != kept.version:
            kept.entries.clear()
            kept.version = version
        if key in kept.entries:
            kept.entries.move_to_end(key)
            return kept.entries[key]
    value = build()
    with kept.lock:
        if version == kept.version:
            kept.entries[key] = value
            while len(kept.entries) > kept.max_entries:
                kept.entries.popitem(last=False)
    return value


def forget_kept() -> None:
    """Drop everything kept (tests roll the version back with the rows it was built from)."""
    for kept in (_pages, _drug_sets):
        with kept.lock:
            kept.entries.clear()
            kept.version = -1
