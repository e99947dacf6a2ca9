"""Guessing from one address, and floods of sign-ups and reset e-mails, are slowed then refused;
the address is the client's, read from X-Forwarded-For only behind a set number of proxies."""

import json
import logging
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory
from tracker.security_log import client_ip

pytestmark = pytest.mark.django_db

SPRAYED = "Summer2026!!"  # the one password an attacker tries against many usernames


def _login(client, username, password, ip, **headers):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip, **headers
    )


def _signup(ip, email, username):
    return Client().post(
        reverse("signup"),
        {
            "username": username,
            "email": email,
            "time_zone": "UTC",
            "password1": "a-long-test-password-42",
            "password2": "a-long-test-password-42",
        },
        REMOTE_ADDR=ip,
    )


def _reset(ip, email):
    return Client().post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_password_spraying_from_one_address_is_slowed_then_blocked(client, settings):
    UserFactory(username="pat")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for n in range(settings.LOGIN_ADDRESS_SLOW_AFTER):
            assert _login(client, f"patient{n}", SPRAYED, "198.51.100.7").status_code == 200
        slowed = _login(client, "patient-next", SPRAYED, "198.51.100.7")
        assert slowed.status_code == 429
        assert "slowed down" in slowed.content.decode()
        assert "try again in 30 seconds." in slowed.content.decode()
        assert slowed["Retry-After"] == str(settings.LOGIN_ADDRESS_SLOW_SECONDS)

        # Slowed: one try per wait, each a different username, until the address limit.
        moment = start
        for n in range(settings.LOGIN_ADDRESS_SLOW_AFTER, settings.LOGIN_ADDRESS_FAILURE_LIMIT):
            moment += timedelta(seconds=settings.LOGIN_ADDRESS_SLOW_SECONDS + 1)
            clock.move_to(moment)
            assert _login(client, f"patient{n}", SPRAYED, "198.51.100.7").status_code == 200

        moment += timedelta(seconds=settings.LOGIN_ADDRESS_SLOW_SECONDS + 1)
        clock.move_to(moment)
        blocked = _login(Client(), "pat", PASSWORD, "198.51.100.7")  # even the right password
        assert blocked.status_code == 429
        assert "paused" in blocked.content.decode()
        assert "try again in about 15 minutes." in blocked.content.decode()
        assert int(blocked["Retry-After"]) > 14 * 60

        # Another address is untouched.
        assert _login(Client(), "pat", PASSWORD, "198.51.100.8").status_code == 302

        clock.move_to(moment + settings.AXES_COOLOFF_TIME + timedelta(minutes=1))
        assert _login(Client(), "pat", PASSWORD, "198.51.100.7").status_code == 302


def test_the_admin_log_in_counts_towards_the_same_limit(client, settings):
    settings.LOGIN_ADDRESS_SLOW_AFTER = 2
    for n in range(2):
        response = client.post(
            reverse("admin:login"),
            {"username": f"patient{n}", "password": SPRAYED},
            REMOTE_ADDR="198.51.100.7",
        )
        assert response.status_code == 200
    assert _login(client, "patient9", SPRAYED, "198.51.100.7").status_code == 429


def test_successful_log_ins_are_not_counted_as_failures(settings):
    settings.LOGIN_ADDRESS_SLOW_AFTER = 2
    UserFactory(username="pat")
    for _ in range(4):
        assert _login(Client(), "pat", PASSWORD, "198.51.100.7").status_code == 302


def test_blocking_an_address_is_logged(client, settings, caplog):
    caplog.set_level(logging.INFO, logger="security")
    settings.LOGIN_ADDRESS_SLOW_AFTER = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 2
    _login(client, "patient1", SPRAYED, "198.51.100.7")
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        _login(client, "patient2", SPRAYED, "198.51.100.7")
    events = [json.loads(r.getMessage()) for r in caplog.records if r.name == "security"]
    assert {"event": "login_address_blocked", "failures": 2, "ip": "198.51.100.7"} in events


def test_signups_are_limited_per_address(settings):
    per_address, _ = settings.RATE_LIMITS["signup"]
    for n in range(per_address):
        assert _signup("198.51.100.7", f"p{n}@example.org", f"p{n}").status_code == 302
    refused = _signup("198.51.100.7", "late@example.org", "late")
    assert refused.status_code == 429
    assert "from your connection" in refused.content.decode()
    assert not get_user_model().objects.filter(username="late").exists()
    assert _signup("198.51.100.8", "late@example.org", "late").status_code == 302


def test_signups_are_limited_per_email_address(settings):
    _, per_email = settings.RATE_LIMITS["signup"]
    for n in range(per_email):
        _signup(f"198.51.100.{n}", "same@example.org", f"p{n}")
    refused = _signup("198.51.100.99", " Same@Example.org", "again")
    assert refused.status_code == 429
    assert "with this e-mail address" in refused.content.decode()
    assert _signup("198.51.100.99", "other@example.org", "again").status_code == 302


def test_reset_requests_are_limited_per_address(settings):
    per_address, _ = settings.RATE_LIMITS["password_reset"]
    for n in range(per_address):
        UserFactory(username=f"p{n}")
        assert _reset("198.51.100.7", f"p{n}@example.org").status_code == 302
    UserFactory(username="late")
    refused = _reset("198.51.100.7", "late@example.org")
    assert refused.status_code == 429
    assert "from your connection" in refused.content.decode()
    assert len(mail.outbox) == per_address
    assert _reset("198.51.100.8", "late@example.org").status_code == 302
    assert len(mail.outbox) == per_address + 1


def test_reset_requests_are_limited_per_email_address_and_the_limit_ends(settings):
    _, per_email = settings.RATE_LIMITS["password_reset"]
    UserFactory(username="pat")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for n in range(per_email):
            assert _reset(f"198.51.100.{n}", "pat@example.org").status_code == 302
        refused = _reset("198.51.100.99", "pat@example.org")
        assert refused.status_code == 429
        assert "for this e-mail address" in refused.content.decode()
        assert len(mail.outbox) == per_email
        assert _reset("198.51.100.99", "someone-else@example.org").status_code == 302

        clock.move_to(start + timedelta(seconds=settings.RATE_LIMIT_WINDOW + 1))
        assert _reset("198.51.100.99", "pat@example.org").status_code == 302
        assert len(mail.outbox) == per_email + 1


def test_a_forged_forwarded_for_header_is_ignored_by_default(client, settings):
    UserFactory(username="pat")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "pat", "wrong", "10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    locked = _login(client, "pat", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert locked.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.1"}


def test_behind_a_trusted_proxy_the_address_it_saw_is_used(client, settings, caplog):
    caplog.set_level(logging.INFO, logger="security")
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="pat")
    proxy = "10.0.0.9"
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The client forges the left part; the proxy appends the address it saw.
        _login(client, "pat", "wrong", proxy, HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.5")
    locked = _login(client, "pat", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    assert locked.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    # Another client behind the same proxy is not locked out.
    other = _login(Client(), "pat", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert other.status_code == 302
    events = [json.loads(r.getMessage()) for r in caplog.records if r.name == "security"]
    assert {e["ip"] for e in events if e["event"] == "login_failure"} == {"203.0.113.5"}


def test_rate_limits_count_the_client_behind_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password_reset": (2, 100)}
    proxy = {"REMOTE_ADDR": "10.0.0.9"}
    for n in range(2):
        response = Client().post(
            reverse("password_reset"),
            {"email": f"p{n}@example.org"},
            HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.5",
            **proxy,
        )
        assert response.status_code == 302

    def reset_from(client_address):
        return Client().post(
            reverse("password_reset"),
            {"email": "x@example.org"},
            HTTP_X_FORWARDED_FOR=client_address,
            **proxy,
        )

    assert reset_from("203.0.113.5").status_code == 429
    assert reset_from("203.0.113.6").status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.9"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.8", "203.0.113.5"),
        (2, "203.0.113.5", "203.0.113.5"),  # fewer hops than proxies: the left-most
        (1, "", "10.0.0.9"),
        (1, "6.6.6.6, not-an-address", "10.0.0.9"),
        (1, "6.6.6.6, 2001:DB8::1", "2001:db8::1"),
    ],
)
def test_the_client_address(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_an_ipv6_network_counts_as_one_address(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password_reset": (2, 100)}
    for n in range(2):
        assert _reset(f"2001:db8:0:1::{n + 1}", f"p{n}@example.org").status_code == 302
    assert _reset("2001:db8:0:1:ffff::9", "x@example.org").status_code == 429  # same /64
    assert _reset("2001:db8:0:2::1", "x@example.org").status_code == 302


def test_a_rate_limit_refusal_is_logged_once(settings, caplog):
    caplog.set_level(logging.INFO, logger="security")
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": (1, 100)}
    for n in range(3):
        _signup("198.51.100.7", f"p{n}@example.org", f"p{n}")
    events = [json.loads(r.getMessage()) for r in caplog.records if r.name == "security"]
    assert [e for e in events if e["event"] == "rate_limited"] == [
        {"event": "rate_limited", "action": "signup", "reason": "address", "ip": "198.51.100.7"}
    ]
