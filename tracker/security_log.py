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
