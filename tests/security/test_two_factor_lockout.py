"""Wrong codes are limited: django-otp makes each next try wait, and django-axes counts them as
failed log-ins, so a stolen password and guessed codes lock out; staff need two-factor."""

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD
from tests.security.two_factor_helpers import app_code, enrol, log_in, send_code

pytestmark = pytest.mark.django_db

CLOCK_START = datetime(2026, 3, 2, 9, 0, 5, tzinfo=UTC)
PAST_THE_WAIT = timedelta(seconds=40)  # longer than django-otp's wait after four wrong codes


@pytest.fixture
def device(owner, clock):
    device, _ = enrol(owner)
    clock.shift(timedelta(seconds=30))  # the code used to set it up works once only
    return device


def _wrong(device) -> str:
    return f"{(int(app_code(device)) + 1) % 1_000_000:06d}"


def _failures() -> int:
    return sum(AccessAttempt.objects.values_list("failures_since_start", flat=True))


def test_wrong_codes_lock_out_at_the_failure_limit_and_then_the_password_too(client, device, clock):
    log_in(client, "owner")
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        assert "That code is not right" in send_code(client, _wrong(device)).content.decode()
        clock.shift(PAST_THE_WAIT)
    locked = send_code(client, _wrong(device))
    assert locked.status_code == 429
    # Wrong codes locked the account, from any address; a password reset would not help.
    assert "Too many wrong codes" in locked.content.decode()
    assert "from any address" in locked.content.decode()
    assert "reset your password" not in locked.content.decode()
    assert client.get(reverse("dashboard")).url.startswith(reverse("login"))  # logged out
    assert log_in(client, "owner").status_code == 429  # the right password is refused too

    clock.shift(django_settings.AXES_COOLOFF_TIME + timedelta(minutes=1))
    assert log_in(client, "owner").url == reverse("dashboard")
    assert send_code(client, app_code(device)).url == "/"


def test_django_otp_makes_the_next_try_wait_and_a_refused_try_is_not_counted(client, device, clock):
    log_in(client, "owner")
    send_code(client, _wrong(device))
    waiting = send_code(client, app_code(device))
    assert "Wait 1 second before the next code" in waiting.content.decode()
    assert _failures() == 1
    clock.shift(timedelta(seconds=2))
    assert send_code(client, app_code(device)).url == "/"


def test_a_code_that_cannot_be_one_is_explained_and_not_counted(client, device):
    log_in(client, "owner")
    response = send_code(client, "12345")
    assert "or a recovery code (8 letters and digits)" in response.content.decode()
    assert _failures() == 0


def test_a_locked_out_user_cannot_pass_the_code_step(client, device):
    log_in(client, "owner")
    last_t = TOTPDevice.objects.get(pk=device.pk).last_t
    attacker = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        log_in(attacker, "owner", password="wrong")  # from the same address
    response = send_code(client, app_code(device))
    assert response.status_code == 429
    # Wrong passwords from this address locked it: the page says so.
    assert "Too many failed log-ins" in response.content.decode()
    assert "from this address" in response.content.decode()
    assert client.get(reverse("dashboard")).url.startswith(reverse("login"))
    assert TOTPDevice.objects.get(pk=device.pk).last_t == last_t  # the code was not used


def test_wrong_codes_still_count_after_a_new_password_log_in(client, device, clock):
    """A successful password resets axes' count; the devices' own count of wrong codes in a
    row does not, so guessing a few codes a log-in gets no further."""
    log_in(client, "owner")
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        send_code(client, _wrong(device))
        clock.shift(PAST_THE_WAIT)
    client.post(reverse("logout"))
    assert log_in(client, "owner").url == reverse("dashboard")
    assert _failures() == 0
    locked = send_code(client, _wrong(device))
    assert locked.status_code == 429
    page = locked.content.decode()
    # The account's own count locked, not this address's: the page says so, and sends no one
    # to reset a password that was right.
    assert "Too many wrong codes" in page and "from any address" in page
    assert "from this address" not in page and "reset your password" not in page
    clock.shift(django_settings.AXES_COOLOFF_TIME + timedelta(minutes=1))
    log_in(client, "owner")
    assert send_code(client, app_code(device)).url == "/"


def test_a_right_code_ends_the_run_of_wrong_ones_on_every_device(client, owner, device, clock):
    log_in(client, "owner")
    send_code(client, "abcdefgh")  # a wrong recovery code
    clock.shift(PAST_THE_WAIT)
    send_code(client, _wrong(device))
    clock.shift(PAST_THE_WAIT)
    assert send_code(client, app_code(device)).url == "/"
    for model in (TOTPDevice, StaticDevice):
        assert model.objects.get(user=owner).throttling_failure_count == 0


def test_wrong_proofs_when_turning_it_off_count_too(client, owner, device, clock):
    log_in(client, "owner")
    send_code(client, app_code(device))
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("two_factor_disable"), {"proof": "guess"})
        assert response.status_code == 200
    response = client.post(reverse("two_factor_disable"), {"proof": "guess"})
    assert response.status_code == 429
    assert TOTPDevice.objects.filter(user=owner).exists()
    assert client.get(reverse("dashboard")).url.startswith(reverse("login"))


@override_settings(OTP_REQUIRED_FOR_STAFF=True)
def test_staff_in_production_settings_are_sent_to_set_up_before_the_admin(
    editor_client, reference_editor, clock
):
    assert editor_client.get("/admin/").url == reverse("two_factor_setup")
    assert editor_client.get("/admin/drugs/drug/").url == reverse("two_factor_setup")
    assert editor_client.get(reverse("dashboard")).status_code == 200  # patient pages stay open
    page = editor_client.get(reverse("two_factor_setup")).content.decode()
    assert "Staff accounts need two-factor sign-in before they can use the admin." in page

    editor_client.post(reverse("two_factor_start"))
    device = TOTPDevice.objects.get(user=reference_editor)
    editor_client.post(reverse("two_factor_setup"), {"code": app_code(device)})
    assert editor_client.get("/admin/").status_code == 200

    refused = editor_client.post(reverse("two_factor_disable"), {"proof": PASSWORD})
    assert "Staff accounts must keep two-factor sign-in on." in refused.content.decode()
    assert TOTPDevice.objects.filter(user=reference_editor, confirmed=True).exists()


@override_settings(OTP_REQUIRED_FOR_STAFF=False)
def test_staff_without_two_factor_reach_the_admin_where_it_is_not_required(editor_client):
    assert editor_client.get("/admin/").status_code == 200


@pytest.mark.parametrize(("debug", "required"), [("0", "True"), ("1", "False")])
def test_staff_need_two_factor_by_default_when_serving_for_real(debug, required):
    env = {k: v for k, v in os.environ.items() if k != "OTP_REQUIRED_FOR_STAFF"}
    env |= {"DEBUG": debug, "SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "config.settings"}
    code = "from django.conf import settings; print(settings.OTP_REQUIRED_FOR_STAFF)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == required
