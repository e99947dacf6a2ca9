"""What makes a push subscription unusable: checked on the settings form and in the service.

The server posts to the endpoint a browser gives it, so an endpoint is a public https address;
anything pointing inside the network (localhost, private addresses) is refused, or the
subscribe button would let a patient make the server call internal services.
"""

import base64
import binascii
import ipaddress
from urllib.parse import urlsplit

MAX_ENDPOINT_LENGTH = 1000
P256DH_BYTES = 65  # an uncompressed P-256 point
AUTH_BYTES = 16
SUBSCRIBE_AGAIN = "Turn notifications off and on again on this device."


def b64url_bytes(value: str) -> bytes | None:
    """Return the decoded bytes of a base64url string, or None when it is not one."""
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


def _address_in_short_form(host: str) -> bool:
    # "127.1" and "0x7f.1" are 127.0.0.1 to the resolver, though not to ipaddress; no public
    # name ends in a number, so any such host is an address written another way.
    last = host.rstrip(".").rsplit(".", 1)[-1].lower()
    return last.isdigit() or (last.startswith("0x") and len(last) > 2)


def _local_host(host: str) -> bool:
    """Return whether the host, as written, is not a public name or address. What a name
    resolves to is checked by the service (tracker.services.push), which can look it up."""
    if host == "localhost" or host.endswith(".localhost") or "." not in host.strip("[]"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return _address_in_short_form(host)
    return not address.is_global


def endpoint_error(endpoint: str, *, allow_local: bool = False) -> str | None:
    """Return why an endpoint cannot be used, or None when it can."""
    if not endpoint or len(endpoint) > MAX_ENDPOINT_LENGTH:
        return f"The push address is missing or too long. {SUBSCRIBE_AGAIN}"
    try:
        parts = urlsplit(endpoint)
        host = parts.hostname or ""
        parts.port  # noqa: B018 (a bad port raises here)
    except ValueError:
        return f"The push address is not a web address. {SUBSCRIBE_AGAIN}"
    if allow_local and parts.scheme in ("http", "https") and host:
        return None
    if parts.scheme != "https" or not host or parts.username or parts.password:
        return f"The push address must be an https address. {SUBSCRIBE_AGAIN}"
    if _local_host(host):
        return f"The push address must be a public push service. {SUBSCRIBE_AGAIN}"
    return None


def subscription_errors(
    *, endpoint: str, p256dh: str, auth: str, allow_local: bool = False
) -> dict[str, str]:
    """Return each unusable part of a subscription, by field name (empty when usable)."""
    errors = {}
    problem = endpoint_error(endpoint, allow_local=allow_local)
    if problem:
        errors["endpoint"] = problem
    key = b64url_bytes(p256dh or "")
    if key is None or len(key) != P256DH_BYTES or key[0] != 4:
        errors["p256dh"] = f"The device's encryption key is not valid. {SUBSCRIBE_AGAIN}"
    secret = b64url_bytes(auth or "")
    if secret is None or len(secret) != AUTH_BYTES:
        errors["auth"] = f"The device's authentication secret is not valid. {SUBSCRIBE_AGAIN}"
    return errors
