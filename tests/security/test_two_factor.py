"""Two-factor sign-in (#20): turning it on, the code step after the password, recovery codes,
turning it off; turning it on signs out the account's other sessions; nobody else's devices
are touched."""

import re
from base64 import b32decode
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, UserFactory, signed_in_device
from tests.security.two_factor_helpers import app_code, enrol, log_in, send_code
from tracker.models import Device

pytestmark = pytest.mark.django_db

CLOCK_START = datetime(2026, 3, 2, 9, 0, 5, tzinfo=UTC)  # early in a 30-second step


@pytest.fixture
def enrolled(owner, clock):
    """The owner with two-factor on, a time step after setting it up (a code works once)."""
    device, codes = enrol(owner)
    clock.shift(timedelta(seconds=30))
    return device, codes


def _secret_on_page(html: str) -> bytes:
    text = re.search(r"data-secret>([A-Z2-7 ]+)<", html).group(1).replace(" ", "")
    return b32decode(text + "=" * (-len(text) % 8))


def test_turning_it_on_shows_a_qr_code_and_the_secret_then_ten_codes_once(
    owner_client, owner, clock
):
    response = owner_client.post(reverse("two_factor_start"))
    assert response.url == reverse("two_factor_setup")
    page = owner_client.get(reverse("two_factor_setup")).content.decode()
    assert "<svg" in page and "style=" not in page  # inline SVG; the CSP allows no inline style
    key = _secret_on_page(page)
    assert key == TOTPDevice.objects.get(user=owner).bin_key

    response = owner_client.post(reverse("two_factor_setup"), {"code": f"{totp(key):06d}"})
    assert response.url == reverse("two_factor_recovery_codes")
    codes_page = owner_client.get(response.url).content.decode()
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", codes_page)
    assert len(set(codes)) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=owner).values_list("token", flat=True)
    )
    assert TOTPDevice.objects.get(user=owner).confirmed
    again = owner_client.get(reverse("two_factor_recovery_codes"))
    assert again.url == reverse("settings")  # shown once only
    assert owner_client.get(reverse("dashboard")).status_code == 200  # this session is verified
    settings_page = owner_client.get(reverse("settings")).content.decode()
    assert "<strong>10</strong> unused recovery codes" in settings_page


def test_a_wrong_code_at_set_up_is_refused_and_nothing_is_turned_on(owner_client, owner, clock):
    owner_client.post(reverse("two_factor_start"))
    device = TOTPDevice.objects.get(user=owner)
    wrong = f"{(int(app_code(device)) + 1) % 1_000_000:06d}"
    response = owner_client.post(reverse("two_factor_setup"), {"code": wrong})
    assert response.status_code == 200
    assert "That code does not match" in response.content.decode()
    response = owner_client.post(reverse("two_factor_setup"), {"code": "12ab"})
    assert "Type the 6 digits your app shows now." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed and not StaticDevice.objects.filter(user=owner).exists()
    assert owner_client.get(reverse("dashboard")).status_code == 200  # nothing to verify yet


def test_starting_again_replaces_the_unconfirmed_secret(owner_client, owner):
    owner_client.post(reverse("two_factor_start"))
    first = TOTPDevice.objects.get(user=owner).key
    owner_client.post(reverse("two_factor_start"))
    assert list(TOTPDevice.objects.filter(user=owner).values_list("key", flat=True)) != [first]
    assert TOTPDevice.objects.filter(user=owner).count() == 1


def test_log_in_without_two_factor_is_unchanged(client, owner):
    response = log_in(client, "owner")
    assert response.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_log_in_with_two_factor_asks_for_the_code_on_every_page_until_it_is_typed(
    client, enrolled, clock
):
    device, _ = enrolled
    assert log_in(client, "owner").url == reverse("dashboard")  # the login view is unchanged
    for url in [reverse("dashboard"), reverse("settings"), reverse("export_json"), "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == f"{reverse('two_factor_verify')}?next={url.replace('/', '%2F')}"
    assert client.get("/static/js/copy.js").status_code != 302  # files are never held back
    page = client.get(reverse("two_factor_verify") + "?next=/settings/").content.decode()
    assert "Type your code" in page and 'value="/settings/"' in page

    wrong = send_code(client, f"{(int(app_code(device)) + 1) % 1_000_000:06d}")
    assert "That code is not right" in wrong.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302

    clock.shift(timedelta(seconds=2))  # django-otp's wait after one wrong code
    key = client.session.session_key
    response = send_code(client, app_code(device), next_url="/settings/")
    assert response.url == "/settings/"
    assert client.session.session_key != key  # a new session key after the second factor
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_session_whose_account_turned_it_off_elsewhere_is_let_through(client, owner, enrolled):
    log_in(client, "owner")
    TOTPDevice.objects.filter(user=owner).delete()  # turned off from another session
    response = client.get(reverse("dashboard"))
    assert client.get(response.url).url == "/"  # no code asked for that no device could give
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_next_address_must_be_on_this_site(client, enrolled):
    device, _ = enrolled
    log_in(client, "owner")
    response = send_code(client, app_code(device), next_url="https://evil.example/")
    assert response.url == reverse("dashboard")


def test_a_recovery_code_works_once_then_is_refused(client, owner, enrolled):
    _, codes = enrolled
    log_in(client, "owner")
    response = send_code(client, codes[0].upper()[:4] + "-" + codes[0][4:])  # as typed
    assert response.url == "/"
    assert "9 left" in client.get("/").content.decode()
    client.post(reverse("logout"))

    log_in(client, "owner")
    refused = send_code(client, codes[0])
    assert "That recovery code is not right, or it was used already." in refused.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302
    assert StaticToken.objects.filter(device__user=owner).count() == 9


def test_new_recovery_codes_replace_the_old_ones_after_a_code(owner_client, owner, enrolled, clock):
    device, old = enrolled
    owner_client.force_login(owner)  # the new login asks for the code
    send_code(owner_client, app_code(device))
    clock.shift(timedelta(seconds=30))
    url = reverse("two_factor_recovery_codes_new")
    response = owner_client.post(url, {"code": app_code(device)})
    assert response.url == reverse("two_factor_recovery_codes")
    new = re.findall(r"<li>([a-z2-7]{8})</li>", owner_client.get(response.url).content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=owner).values_list("token", flat=True)) == (
        set(new)
    )


def test_turning_it_off_asks_for_a_code_or_the_password(owner_client, owner, enrolled):
    device, _ = enrolled
    owner_client.force_login(owner)
    send_code(owner_client, app_code(device))
    refused = owner_client.post(reverse("two_factor_disable"), {"proof": "not it at all"})
    assert "neither a code from your app nor your password" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=owner).exists()

    response = owner_client.post(reverse("two_factor_disable"), {"proof": PASSWORD})
    assert response.url == reverse("settings")
    assert not TOTPDevice.objects.filter(user=owner).exists()
    assert not StaticDevice.objects.filter(user=owner).exists()
    assert "Turn on two-factor sign-in" in owner_client.get(reverse("settings")).content.decode()


def test_turning_it_off_with_a_code(owner_client, owner, enrolled, clock):
    device, _ = enrolled
    owner_client.force_login(owner)
    send_code(owner_client, app_code(device))
    clock.shift(timedelta(seconds=30))
    owner_client.post(reverse("two_factor_disable"), {"proof": app_code(device)})
    assert not TOTPDevice.objects.filter(user=owner).exists()
    owner_client.force_login(owner)
    assert owner_client.get(reverse("dashboard")).status_code == 200  # no code step any more


def test_another_patients_devices_are_never_touched_nor_accepted(client, owner, clock):
    other = UserFactory(username="other")
    other_device, other_codes = enrol(other)
    before = (
        list(TOTPDevice.objects.filter(user=other).values()),
        list(StaticToken.objects.filter(device__user=other).values()),
    )
    mine, _ = enrol(owner)
    clock.shift(timedelta(seconds=30))
    log_in(client, "owner")
    assert "not right" in send_code(client, other_codes[0]).content.decode()
    clock.shift(timedelta(seconds=2))
    if app_code(other_device) != app_code(mine):
        assert "not right" in send_code(client, app_code(other_device)).content.decode()
    clock.shift(timedelta(seconds=30))
    send_code(client, app_code(mine))
    client.post(reverse("two_factor_disable"), {"proof": PASSWORD})
    client.post(reverse("two_factor_start"))
    assert not TOTPDevice.objects.filter(user=owner, confirmed=True).exists()
    assert before == (
        list(TOTPDevice.objects.filter(user=other).values()),
        list(StaticToken.objects.filter(device__user=other).values()),
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_pages_pay_a_fixed_small_number_of_queries_for_two_factor(client, owner, clock):
    """A verified session loads its device once a page (django-otp); the settings section then
    also counts the codes left, in one query, never one per code."""
    plain = UserFactory(username="plain")
    client.force_login(plain)
    client.get("/")
    without = {url: _count(client, url) for url in ["/", reverse("settings")]}
    device, _ = enrol(owner)
    clock.shift(timedelta(seconds=30))
    client.force_login(owner)
    send_code(client, app_code(device))
    client.get("/")
    assert _count(client, "/") == without["/"] + 1
    assert _count(client, reverse("settings")) == without[reverse("settings")] + 2


def test_turning_it_on_signs_out_every_other_session_trusted_ones_too(
    owner_client, owner, other_patient, clock
):
    """They passed no code: left open, a trusted one would need none for 30 days."""
    others = [signed_in_device(owner, trusted=True), signed_in_device(owner)]
    neighbour = signed_in_device(other_patient, trusted=True)
    owner_client.post(reverse("two_factor_start"))
    device = TOTPDevice.objects.get(user=owner)
    response = owner_client.post(reverse("two_factor_setup"), {"code": app_code(device)})
    page = owner_client.get(response.url).content.decode()
    assert "Any other device signed in to your account is signed out" in page
    for other in others:
        browser = Client()
        browser.cookies["sessionid"] = other.session_id
        assert browser.get(reverse("dashboard")).status_code == 302
        assert not Session.objects.filter(session_key=other.session_id).exists()
    assert owner_client.get(reverse("dashboard")).status_code == 200  # this one stays
    assert Session.objects.filter(session_key=neighbour.session_id).exists()
    assert Device.objects.filter(pk=neighbour.pk).exists()
