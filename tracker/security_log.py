"""Security events as structured lines: one JSON object each, never a password, note or session.

json.dumps with ensure_ascii escapes every control character in user-supplied values, so a
username cannot forge a second log line.
"""

import ipaddress
import json
import logging

from django.conf import settings

logger = logging.getLogger("security")


def client_ip(request) -> str:
    """Return the client's address: the peer's, or behind TRUSTED_PROXY_COUNT proxies, the one
    the outermost trusted proxy saw.

    Each proxy appends the address it was connected from to X-Forwarded-For, so the trusted
    entries are the right-most ones; anything left of them was written by the client.
    """
    if request is None:
        return ""
    peer = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted <= 0 or not forwarded:
        return peer
    hops = [hop.strip() for hop in forwarded.split(",")]
    candidate = hops[-min(trusted, len(hops))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer


def log_event(event: str, **fields) -> None:
    logger.info(
        json.dumps({"event": event, **fields}, ensure_ascii=True, sort_keys=True, default=str)
    )


USERNAME_LIMIT = 150  # Django's own username length; axes stores attempts in 255 characters


def axes_username(request, credentials) -> str:
    """Return the attempted username, bounded, for django-axes to count and store."""
    source = credentials if credentials is not None else getattr(request, "POST", {})
    return str(source.get("username") or "")[:USERNAME_LIMIT]
