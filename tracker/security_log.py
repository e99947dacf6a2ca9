"""Security events as structured lines: one JSON object each, never a password, note or session.

json.dumps with ensure_ascii escapes every control character in user-supplied values, so a
username cannot forge a second log line.
"""

import json
import logging

logger = logging.getLogger("security")


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def log_event(event: str, **fields) -> None:
    logger.info(
        json.dumps({"event": event, **fields}, ensure_ascii=True, sort_keys=True, default=str)
    )


USERNAME_LIMIT = 150  # Django's own username length; axes stores attempts in 255 characters


def axes_username(request, credentials) -> str:
    """Return the attempted username, bounded, for django-axes to count and store."""
    source = credentials if credentials is not None else getattr(request, "POST", {})
    return str(source.get("username") or "")[:USERNAME_LIMIT]
