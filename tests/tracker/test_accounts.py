"""Sign up, log in and out, password change and reset, and the time zone setting."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tracker.models import Profile

pytestmark = pytest.mark.django_db


def test_a_newcomer_signs_up_with_a_time_zone_and_is_logged_in(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "newcomer",
            "email": "new@example.org",
            "time_zone": "Europe/Paris",
            "password1": "a-long-test-password-42",
            "password2": "a-long-test-password-42",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("course_start")
    user = get_user_model().objects.get(username="newcomer")
    assert Profile.objects.get(user=user).time_zone == "Europe/Paris"
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_bad_signup_says_why_and_creates_nothing(client):
    response = client.post(
        reverse("signup"),
        {"username": "x", "time_zone": "Mars/Olympus", "password1": "a", "password2": "b"},
    )
    assert response.status_code == 200
    assert "is not a time zone we know" in response.content.decode()
    assert not get_user_model().objects.filter(username="x").exists()


def test_login_and_logout(client, owner, password):
    response = client.post(reverse("login"), {"username": "owner", "password": password})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_change(owner_client, owner, password):
    response = owner_client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "another-long-pass-99",
            "new_password2": "another-long-pass-99",
        },
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("another-long-pass-99")


def test_password_reset_sends_an_email_with_a_link(client, owner):
    response = client.post(reverse("password_reset"), {"email": owner.email})
    assert response.status_code == 302
    [message] = mail.outbox
    assert "/accounts/reset/" in message.body


def test_the_settings_page_changes_the_time_zone(owner_client, owner):
    response = owner_client.post(reverse("settings"), {"time_zone": "Asia/Tokyo"})
    assert response.status_code == 302
    assert Profile.objects.get(user=owner).time_zone == "Asia/Tokyo"


def test_the_settings_page_refuses_an_unknown_zone(owner_client, owner):
    response = owner_client.post(reverse("settings"), {"time_zone": "Nowhere/Land"})
    assert response.status_code == 200
    assert Profile.objects.get(user=owner).time_zone == "UTC"
