"""Share links for a prescriber or caregiver: how long one may last, and whether it still opens.

Plain values only: the model keeps the moments, these rules say what they mean.
"""

import enum
import re
from datetime import datetime, timedelta

MIN_DAYS = 1
MAX_DAYS = 30
DEFAULT_DAYS = 7
DISPLAY_NAME_MAX = 80
# secrets.token_urlsafe(32): 32 random bytes (256 bits) as 43 URL-safe base64 characters.
TOKEN_BYTES = 32
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


class LinkStatus(enum.StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


def days_problem(days: int) -> str | None:
    """Return what is wrong with a link's length in days, or None when it is allowed."""
    if not MIN_DAYS <= days <= MAX_DAYS:
        return f"Choose how long the link works: {MIN_DAYS} to {MAX_DAYS} days."
    return None


def expires_at(created_at: datetime, days: int) -> datetime:
    """Return the moment a link made at created_at for that many days stops working."""
    return created_at + timedelta(days=days)


def link_status(*, expires_at: datetime, revoked_at: datetime | None, now: datetime) -> LinkStatus:
    """Return whether a link opens now; revoked wins over expired, as the patient's own act."""
    if revoked_at is not None:
        return LinkStatus.REVOKED
    if now >= expires_at:
        return LinkStatus.EXPIRED
    return LinkStatus.ACTIVE


def looks_like_token(text: str) -> bool:
    """Return whether the text has the shape of a token, so anything else is refused unread."""
    return TOKEN_SHAPE.fullmatch(text) is not None
