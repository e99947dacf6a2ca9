"""The server's VAPID key pair, which signs every Web Push request.

Supplied through settings (VAPID_PRIVATE_KEY, VAPID_PUBLIC_KEY), or else created on first use
into VAPID_PRIVATE_KEY_FILE (beside the database, readable by its owner only, never in the
repository). Changing the key makes every browser subscription stop working: keep the file.
"""

import base64
import os
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from py_vapid import Vapid


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _create_key_file(path: Path) -> None:
    """Write a new private key, unless another process already did: the key is written to a
    file of this process's own, then linked into place, so no one reads a half-written key."""
    vapid = Vapid()
    vapid.generate_keys()
    draft = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(vapid.private_pem())
        os.link(draft, path)
    except FileExistsError:
        pass  # another process won: its key is the one
    finally:
        draft.unlink(missing_ok=True)


@cache
def _keys(private_setting: str, public_setting: str, key_file: str) -> tuple[Vapid, str]:
    if "BEGIN" in private_setting:
        vapid = Vapid.from_pem(private_setting.encode())
    elif private_setting:
        vapid = Vapid.from_string(private_setting)  # base64url, raw or DER
    else:
        path = Path(key_file)
        if not path.exists():
            _create_key_file(path)
        vapid = Vapid.from_file(str(path))
    public = _b64url(
        vapid.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )
    if public_setting and public_setting.rstrip("=") != public:
        raise ImproperlyConfigured("VAPID_PUBLIC_KEY does not match VAPID_PRIVATE_KEY.")
    return vapid, public


def vapid_keys() -> tuple[Vapid, str]:
    """Return the signing key and the public key (base64url, for pushManager.subscribe)."""
    return _keys(
        settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY, str(settings.VAPID_PRIVATE_KEY_FILE)
    )


def public_key() -> str:
    return vapid_keys()[1]
