"""Trusted devices, as the session sees them: the choice made at log-in, when the session ends,
and keeping the session's device row (tracker/models/devices.py) up to date without a query on
every request.

A trusted session has a fixed end TRUSTED_DEVICE_DAYS after log-in and no idle timeout; any
other session keeps the idle timeout (SESSION_COOKIE_AGE) and the absolute maximum
(SESSION_ABSOLUTE_MAX_AGE).
"""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from tracker.auth_events import SESSION_STARTED
from tracker.services.devices import device_register, device_seen

TRUSTED_UNTIL = "trusted_until"
# The session key the device row was recorded under: a new key (log-in, password change) means
# the old row went with the old session, so the next request records the device again.
DEVICE_SESSION = "device_session"
DEVICE_SEEN = "device_seen_at"
# "Last seen" is shown to the quarter of an hour: one write at most that often per session.
DEVICE_SEEN_REFRESH_SECONDS = 15 * 60


def _moment(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


def is_trusted(session) -> bool:
    return session.get(TRUSTED_UNTIL) is not None


def session_is_over(session, now: float) -> bool:
    """Return whether the session is past its end: a trusted device's fixed end, or for any
    other session SESSION_ABSOLUTE_MAX_AGE after log-in."""
    if is_trusted(session):
        return now >= session[TRUSTED_UNTIL]
    return now - session.get(SESSION_STARTED, now) > settings.SESSION_ABSOLUTE_MAX_AGE


def trust_this_device(request) -> None:
    """Keep this session signed in for TRUSTED_DEVICE_DAYS, however idle, then end it."""
    now = time.time()
    until = now + settings.TRUSTED_DEVICE_DAYS * 24 * 3600
    request.session[TRUSTED_UNTIL] = until
    # A date, not an age: activity no longer pushes the end back.
    request.session.set_expiry(_moment(until))
    track_device(request, request.user, now, changed=True)


def track_device(request, user, now: float, *, changed: bool = False) -> None:
    """Record the session's device the first time its key is seen (or when it `changed`), and
    move its "last seen" at most every DEVICE_SEEN_REFRESH_SECONDS; otherwise touch nothing."""
    session = request.session
    key = session.session_key
    if key is None:
        return
    if changed or session.get(DEVICE_SESSION) != key:
        device_register(
            user=user,
            session_key=key,
            user_agent=request.headers.get("User-Agent", ""),
            trusted=is_trusted(session),
            signed_in_at=_moment(session.get(SESSION_STARTED, now)),
            seen_at=_moment(now),
        )
        session[DEVICE_SESSION], session[DEVICE_SEEN] = key, now
    elif now - session.get(DEVICE_SEEN, 0) >= DEVICE_SEEN_REFRESH_SECONDS:
        device_seen(session_key=key, at=_moment(now))
        session[DEVICE_SEEN] = now


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        track_device(request, user, time.time())
