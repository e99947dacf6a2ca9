"""The actions added beside the first sensitive ones ask for the password again too, when it was
not entered in the last REAUTH_MINUTES: creating a share link (anyone holding it reads the
course), subscribing a device to notifications (it receives health notices), setting up
two-factor sign-in (an intruder's own app would lock the owner out) and making a new calendar
feed address (a bearer URL to drug names and dose times). The helpers
are those of test_reauth.py."""

import json
import uuid

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import CourseFactory
from tests.push_receiver import PushReceiver
from tests.security.test_reauth import _asked_to_confirm, _confirm, _later, signed_in
from tests.security.two_factor_helpers import app_code
from tracker.models import Profile, PushSubscription, ShareLink
from tracker.services.two_factor import two_factor_start

pytestmark = pytest.mark.django_db
__all__ = ["signed_in"]  # a fixture used by name


def _create_link(client, course):
    share_page = reverse("course_share", args=[course.pk])
    return client.post(
        reverse("share_link_create", args=[course.pk]),
        {"scope": "summary", "expires_in_days": 7, "display_name": "", "form_token": uuid.uuid4()},
        HTTP_REFERER=f"http://testserver{share_page}",
    )


def test_a_stale_share_link_post_creates_nothing_and_comes_back_to_the_share_page(
    signed_in, clock, owner
):
    course = CourseFactory(owner=owner)
    _later(clock, 11)
    response = _create_link(signed_in, course)
    assert _asked_to_confirm(response, reverse("course_share", args=[course.pk]))
    assert not ShareLink.objects.exists()
    _confirm(signed_in, next_path=reverse("course_share", args=[course.pk]))
    response = _create_link(signed_in, course)
    assert response.status_code == 200 and ShareLink.objects.filter(course=course).count() == 1


def test_a_fresh_password_creates_the_link_at_once(signed_in, clock, owner):
    course = CourseFactory(owner=owner)
    _later(clock, 9)
    assert _create_link(signed_in, course).status_code == 200
    assert ShareLink.objects.filter(course=course).count() == 1


def _subscribe(client, subscription):
    return client.post(
        reverse("push_subscribe"),
        json.dumps(subscription),
        content_type="application/json",
        HTTP_REFERER=f"http://testserver{reverse('settings')}",
    )


def test_a_stale_push_subscription_is_refused_with_the_confirm_page_then_accepted(
    signed_in, clock, owner, settings
):
    settings.PUSH_ALLOW_LOCAL_ENDPOINTS = True  # the local receiver stands in for the service
    with PushReceiver() as receiver:
        subscription = receiver.subscription()
        _later(clock, 11)
        response = _subscribe(signed_in, subscription)
        assert response.status_code == 403
        answer = response.json()
        assert answer["error"] == "password_confirmation_required"
        assert answer["confirm_url"].startswith(reverse("password_confirm"))
        assert not PushSubscription.objects.exists()
        _confirm(signed_in, next_path=reverse("settings"))
        assert _subscribe(signed_in, subscription).status_code == 200
    assert PushSubscription.objects.filter(owner=owner).count() == 1


def test_a_stale_two_factor_start_creates_no_secret_and_comes_back_to_the_settings(
    signed_in, clock, owner
):
    _later(clock, 11)
    response = signed_in.post(reverse("two_factor_start"))
    assert _asked_to_confirm(response, reverse("settings"))
    assert not TOTPDevice.objects.filter(user=owner).exists()
    _confirm(signed_in)
    assert signed_in.post(reverse("two_factor_start")).url == reverse("two_factor_setup")
    assert TOTPDevice.objects.filter(user=owner, confirmed=False).count() == 1


def test_a_stale_two_factor_set_up_shows_no_secret_and_turns_nothing_on(signed_in, clock, owner):
    """Someone at the owner's unlocked device cannot confirm their own app either."""
    device = two_factor_start(user=owner)
    _later(clock, 11)
    setup = reverse("two_factor_setup")
    assert _asked_to_confirm(signed_in.get(setup), setup)
    response = signed_in.post(setup, {"code": app_code(device)})
    assert _asked_to_confirm(response, reverse("settings"))
    device.refresh_from_db()
    assert not device.confirmed and not StaticDevice.objects.filter(user=owner).exists()


def test_a_fresh_password_turns_two_factor_on(signed_in, clock, owner):
    _later(clock, 9)
    signed_in.post(reverse("two_factor_start"))
    device = TOTPDevice.objects.get(user=owner)
    response = signed_in.post(reverse("two_factor_setup"), {"code": app_code(device)})
    assert response.url == reverse("two_factor_recovery_codes")
    device.refresh_from_db()
    assert device.confirmed


def _new_feed_address(client):
    return client.post(
        reverse("calendar_token_new"), HTTP_REFERER=f"http://testserver{reverse('settings')}"
    )


def test_a_stale_calendar_feed_request_makes_no_address(signed_in, clock, owner):
    """A feed address is a bearer URL showing drug names and dose times: an export."""
    _later(clock, 11)
    assert _asked_to_confirm(_new_feed_address(signed_in), reverse("settings"))
    assert Profile.objects.get(user=owner).calendar_token is None
    _confirm(signed_in)
    assert _new_feed_address(signed_in).url == reverse("settings")
    assert Profile.objects.get(user=owner).calendar_token


def test_a_fresh_password_makes_a_new_calendar_feed_address_at_once(signed_in, clock, owner):
    _later(clock, 9)
    assert _new_feed_address(signed_in).url == reverse("settings")
    assert Profile.objects.get(user=owner).calendar_token
