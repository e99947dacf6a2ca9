"""The settings page's list of devices the user is signed in on."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from tracker.models import Device


@dataclass(frozen=True)
class DeviceRow:
    pk: int
    label: str
    trusted: bool
    signed_in_at: datetime
    last_seen_at: datetime
    # A trusted device's fixed end; for other sessions the idle timeout moves it on activity.
    ends_at: datetime
    is_this_device: bool


@dataclass(frozen=True)
class DevicesSection:
    rows: list[DeviceRow]
    trusted_days: int
    idle_minutes: int


def devices_page(user, *, session_key: str | None) -> DevicesSection:
    """Return the user's signed-in devices, this one first, then the most recently seen."""
    rows = [
        DeviceRow(
            pk=device.pk,
            label=device.label,
            trusted=device.trusted,
            signed_in_at=device.created_at,
            last_seen_at=device.last_seen_at,
            ends_at=device.session.expire_date,
            is_this_device=device.session_id == session_key,
        )
        for device in Device.objects.signed_in_for(user)
    ]
    return DevicesSection(
        rows=sorted(rows, key=lambda row: not row.is_this_device),  # stable: keeps the order
        trusted_days=settings.TRUSTED_DEVICE_DAYS,
        idle_minutes=settings.SESSION_COOKIE_AGE // 60,
    )
