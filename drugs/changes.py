"""Announcing a change to reference data, from the one place that makes it (the admin's save
and delete, the CSV import, the loaders).

The reference version moves, so nothing cached or kept from reference data outlives the edit,
and the apps that keep data derived from reference rows catch up at once: the tracker links
typed co-medication names that now match a drug. Those apps register here when they start
(their AppConfig.ready), so this app never imports them.
"""

from collections.abc import Callable

from drugs.models import ReferenceVersion

_followers: list[Callable[[], object]] = []


def follow_reference_changes(follower: Callable[[], object]) -> None:
    """Call `follower` after every reference change (once per process, at start-up)."""
    if follower not in _followers:
        _followers.append(follower)


def reference_changed() -> None:
    """Move the reference version and let every follower catch up."""
    ReferenceVersion.bump()
    for follower in _followers:
        follower()
