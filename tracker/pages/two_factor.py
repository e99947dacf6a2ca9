"""Two-factor sign-in pages: the settings section's state and the set-up page's QR code."""

from dataclasses import dataclass

import segno
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tracker.rules.two_factor import secret_for_typing


@dataclass(frozen=True)
class TwoFactorStatus:
    enabled: bool
    recovery_codes_left: int


@dataclass(frozen=True)
class PendingSetup:
    qr_svg: SafeString  # an inline <svg>: no image request, nothing inline for the CSP to refuse
    secret: str  # the same secret, in groups of four, for typing into an app by hand


def two_factor_status(user) -> TwoFactorStatus:
    """Return whether the user has a confirmed app, and how many unused recovery codes."""
    enabled = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    left = (
        StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
        if enabled
        else 0
    )
    return TwoFactorStatus(enabled=enabled, recovery_codes_left=left)


def pending_setup(user) -> PendingSetup | None:
    """Return the QR code and secret of the user's unconfirmed app device, if one waits."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).select_related("user").first()
    if device is None:
        return None
    qr = segno.make(device.config_url, error="m")
    # segno escapes the text it writes; the URL is built from the username and a hex key.
    svg = qr.svg_inline(scale=5, dark="#000", light="#fff", title="QR code for your app")
    svg = svg.replace("<svg ", '<svg role="img" ', 1)  # its <title> is then its accessible name
    return PendingSetup(qr_svg=mark_safe(svg), secret=secret_for_typing(device.bin_key))
