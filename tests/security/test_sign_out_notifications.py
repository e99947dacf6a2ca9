"""Notifications do not outlive a sign-out: "sign out everywhere", a password reset and a
password change remove every push subscription of the account and spend its notifications'
Taken/Snooze tokens (the token is their only credential), and say that notifications must be
turned on again; another patient's are untouched."""

import json
from urllib.parse import urlparse

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, CourseFactory, UserFactory, signed_in_device
from tracker.models import Dose, PushAction, PushSubscription
from tracker.rules.notifications import DOSE_DUE, DueNotification
from tracker.services.push_actions import action_create

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-pass-99"
TURN_ON_AGAIN = "turn them on again in Settings on each device that should get them"


def _notified(user, n: int) -> str:
    """Give the user a device that receives notifications and a dose notice on it; return the
    notice's Taken token."""
    PushSubscription.objects.create(
        owner=user, endpoint=f"https://push.example/{user.username}/{n}", p256dh="k", auth="a"
    )
    course = CourseFactory(owner=user, start_date=timezone.localdate())
    now = timezone.now()
    notice = DueNotification(DOSE_DUE, "08:00", "Carisoprodol: your 08:00 dose", "Due now.", now)
    return action_create(course=course, notice=notice, now=now)


def _press_taken(token: str):
    return Client().post(
        reverse("push_action_taken"), json.dumps({"token": token}), content_type="application/json"
    )


@pytest.fixture
def lost_phone(owner, clock):
    """The owner's phone, signed in and receiving notifications, with a dose notice on its lock
    screen; and a neighbour's, which nothing here may touch."""
    signed_in_device(owner, trusted=True)
    token = _notified(owner, 1)
    neighbour = UserFactory(username="neighbour")
    neighbours_token = _notified(neighbour, 1)
    return token, neighbours_token


def _assert_the_owners_notifications_are_off(owner, token, neighbours_token):
    assert not PushSubscription.objects.filter(owner=owner).exists()
    assert PushAction.objects.filter(course__owner=owner, used_at=timezone.now()).count() == 1
    response = _press_taken(token)
    assert response.status_code == 410
    assert not Dose.objects.exists()
    assert PushSubscription.objects.filter(owner__username="neighbour").count() == 1
    assert _press_taken(neighbours_token).status_code != 410  # still theirs to answer


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_signing_out_everywhere_turns_notifications_off_on_every_device(
    owner_client, owner, lost_phone
):
    response = owner_client.post(reverse("devices_sign_out_everywhere"), follow=True)
    _assert_the_owners_notifications_are_off(owner, *lost_phone)
    page = response.content.decode()
    assert "Notifications are off on every device" in page and TURN_ON_AGAIN in page


def test_a_password_reset_turns_notifications_off_on_every_device(client, owner, lost_phone):
    client.post(reverse("password_reset"), {"email": owner.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    form_url = client.get(urlparse(link.strip()).path).url
    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    _assert_the_owners_notifications_are_off(owner, *lost_phone)
    page = response.content.decode()
    assert "Notifications are off on every device" in page and TURN_ON_AGAIN in page


def test_a_password_change_turns_notifications_off_too_and_keeps_this_session(
    client, owner, lost_phone
):
    client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    _assert_the_owners_notifications_are_off(owner, *lost_phone)
    page = response.content.decode()
    assert "For safety, notifications are off on every device, this one included" in page
    assert TURN_ON_AGAIN in page
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_password_change_without_notifications_says_only_that_others_are_signed_out(
    client, owner
):
    client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert _messages(response) == ["Any other device signed in to your account is signed out."]
