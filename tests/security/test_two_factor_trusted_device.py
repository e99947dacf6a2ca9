"""Two-factor and "keep me signed in" together: the code step changes the session key, and the
device keeps its trusted choice and its long session; a trusted device still needs its code
once, right after the password."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.factories import PASSWORD
from tests.security.two_factor_helpers import IP, app_code, enrol, send_code
from tracker.models import Device

pytestmark = pytest.mark.django_db

CLOCK_START = datetime(2026, 3, 2, 9, 0, 5, tzinfo=UTC)


def _trusted_log_in(client, username):
    return client.post(
        reverse("login"),
        {"username": username, "password": PASSWORD, "trust_device": "on"},
        REMOTE_ADDR=IP,
    )


def test_a_trusted_log_in_with_two_factor_asks_the_code_then_stays_trusted(client, owner, clock):
    device, _ = enrol(owner)
    clock.shift(timedelta(seconds=30))
    _trusted_log_in(client, "owner")
    assert client.get(reverse("dashboard")).url.startswith(reverse("two_factor_verify"))
    assert send_code(client, app_code(device)).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200

    [row] = Device.objects.filter(user=owner)
    assert row.trusted and row.session_id == client.session.session_key
    expiry = Session.objects.get(session_key=row.session_id).expire_date
    assert expiry == CLOCK_START + timedelta(seconds=30) + timedelta(days=30)
    clock.shift(timedelta(days=3))  # idle for days: still signed in, still verified
    assert client.get(reverse("dashboard")).status_code == 200
    settings_page = client.get(reverse("settings")).content.decode()
    assert "kept signed in until 1 Apr 2026" in settings_page
