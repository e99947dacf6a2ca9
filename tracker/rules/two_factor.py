"""Two-factor sign-in: what a typed code is, how a secret is shown, when the code step locks."""

import re
from base64 import b32encode
from datetime import datetime, timedelta
from enum import StrEnum

TOTP_DIGITS = 6
RECOVERY_CODE_COUNT = 10


class CodeKind(StrEnum):
    APP = "app"  # six digits from an authenticator app
    RECOVERY = "recovery"  # one of the printed single-use codes
    INVALID = "invalid"


def normalise_code(typed: str) -> str:
    """Return the code without the spaces and hyphens people type or paste, in lower case."""
    return re.sub(r"[\s-]+", "", typed or "").lower()[:32]


def code_kind(code: str) -> CodeKind:
    """Return which device a normalised code is for: six digits are the app's, a recovery code
    is eight letters and digits (django-otp's StaticToken.random_token: base32, lower case)."""
    if re.fullmatch(rf"\d{{{TOTP_DIGITS}}}", code):
        return CodeKind.APP
    if re.fullmatch(r"[a-z2-7]{8}", code):
        return CodeKind.RECOVERY
    return CodeKind.INVALID


def secret_for_typing(key: bytes) -> str:
    """Return the secret in base32, as authenticator apps ask for it, in groups of four."""
    text = b32encode(key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def code_step_locked(
    *, failures: int, last_failure: datetime | None, now: datetime, limit: int, cooloff: timedelta
) -> bool:
    """Return True while wrong codes in a row reach the login failure limit and the last one is
    within the cool-off.

    These counts live on the user's devices and survive a new password log-in, which resets the
    per-login lockout: without them, a stolen password would allow limit-1 guesses per log-in.
    """
    if failures < limit or last_failure is None:
        return False
    return now - last_failure < cooloff
