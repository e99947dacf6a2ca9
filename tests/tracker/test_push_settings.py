"""The settings page's notifications: this device on and off (JSON from push-settings.js), the
devices listed with a remove button, a test notification, quiet hours through a form."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tracker.models import NotificationSettings, Profile, PushSubscription
from tracker.push_keys import public_key

pytestmark = pytest.mark.django_db


def post_json(client, name, body):
    return client.post(reverse(name), json.dumps(body), content_type="application/json")


def device(owner, n=1):
    return PushSubscription.objects.create(
        owner=owner, endpoint=f"https://push.example.com/{owner.pk}/{n}", p256dh="k", auth="a"
    )


def test_the_settings_page_offers_this_device_with_the_public_key(owner_client):
    page = owner_client.get(reverse("settings")).content.decode()
    assert f'data-push-key="{public_key()}"' in page
    assert "Turn on for this device" in page and "No device receives notifications." in page
    assert "calendar feed" in page and "e-mail reminders" in page  # the fallback's offer
    assert "js/push-settings.js" in page


def test_the_devices_list_costs_the_same_queries_for_one_or_many(
    owner, owner_client, django_assert_num_queries
):
    device(owner, 1)
    url = reverse("notification_settings")
    owner_client.get(url)  # session and time zone settle on the first request
    with django_assert_num_queries(6) as one:
        owner_client.get(url)
    for n in range(2, 6):
        device(owner, n)
    # Guards against a query per device (e.g. reading its owner for the label).
    with django_assert_num_queries(len(one.captured_queries)):
        page = owner_client.get(url).content.decode()
    assert page.count("Remove</button>") == 5


def test_subscribing_saves_this_device(owner, owner_client, receiver):
    subscription = receiver.subscription()
    firefox = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"
    response = owner_client.post(
        reverse("push_subscribe"),
        json.dumps(subscription),
        content_type="application/json",
        HTTP_USER_AGENT=firefox,
    )
    assert response.status_code == 200 and response.json()["ok"] is True
    saved = PushSubscription.objects.get()
    assert saved.owner == owner and saved.endpoint == subscription["endpoint"]
    assert saved.label == "Firefox on Android"  # never the whole header
    post_json(owner_client, "push_subscribe", subscription)  # the same browser again
    assert PushSubscription.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"endpoint": "https://push.example.com/x"},
        {"endpoint": "https://push.example.com/x", "keys": {"p256dh": "bad", "auth": "bad"}},
        {"endpoint": 5, "keys": "nope"},
        ["endpoint"],
    ],
)
def test_a_bad_subscription_is_refused_with_a_message_and_nothing_saved(owner_client, body):
    response = post_json(owner_client, "push_subscribe", body)
    assert response.status_code == 400
    assert response.json()["message"]
    assert not PushSubscription.objects.exists()


def test_an_internal_address_is_refused_outside_tests(owner_client, receiver, settings):
    settings.PUSH_ALLOW_LOCAL_ENDPOINTS = False
    response = post_json(owner_client, "push_subscribe", receiver.subscription())
    assert response.status_code == 400
    assert "https" in response.json()["message"]
    assert not PushSubscription.objects.exists()


def test_subscribing_needs_the_csrf_token(owner, receiver):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert post_json(client, "push_subscribe", receiver.subscription()).status_code == 403
    assert not PushSubscription.objects.exists()


def test_unsubscribing_removes_only_this_users_device(owner, owner_client):
    mine = device(owner)
    theirs = device(UserFactory(username="other"))
    response = post_json(owner_client, "push_unsubscribe", {"endpoint": theirs.endpoint})
    assert response.status_code == 404
    assert post_json(owner_client, "push_unsubscribe", {"endpoint": mine.endpoint}).json()["ok"]
    assert list(PushSubscription.objects.all()) == [theirs]


def test_a_device_can_be_removed_from_the_list(owner, owner_client):
    mine = device(owner)
    response = owner_client.post(reverse("push_device_remove", args=[mine.pk]))
    assert response.status_code == 302
    assert not PushSubscription.objects.exists()


def test_the_test_notification_reports_how_many_devices_took_it(owner, owner_client, receiver):
    info = receiver.subscription()
    post_json(owner_client, "push_subscribe", info)
    page = owner_client.post(reverse("push_test"), follow=True).content.decode()
    assert "Test notification sent to 1 of 1 device(s)." in page
    assert receiver.payloads()[0]["title"] == "Test notification"


def test_a_test_notification_nobody_took_offers_the_other_reminders(owner, owner_client, receiver):
    receiver.status = 500
    post_json(owner_client, "push_subscribe", receiver.subscription())
    page = owner_client.post(reverse("push_test"), follow=True).content.decode()
    assert "could not be sent to any device" in page and "calendar feed" in page


def test_quiet_hours_are_saved(owner, owner_client):
    data = {"quiet_start": "22:00", "quiet_end": "07:30", "missed_after_minutes": "45"}
    response = owner_client.post(reverse("notification_settings"), data)
    assert response.status_code == 302
    chosen = NotificationSettings.objects.get(user=owner)
    assert f"{chosen.quiet_start:%H:%M}-{chosen.quiet_end:%H:%M}" == "22:00-07:30"
    assert chosen.missed_after_minutes == 45


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"quiet_start": "22:00", "missed_after_minutes": "60"}, "Enter both ends"),
        ({"quiet_start": "22:00", "quiet_end": "22:00", "missed_after_minutes": "60"}, "another"),
        ({"quiet_start": "25:00", "quiet_end": "07:00", "missed_after_minutes": "60"}, "valid"),
        ({"missed_after_minutes": "5"}, "greater than or equal to 15"),
        ({"missed_after_minutes": "abc"}, "whole number"),
    ],
)
def test_bad_notification_settings_say_what_to_fix_and_save_nothing(owner_client, data, message):
    response = owner_client.post(reverse("notification_settings"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NotificationSettings.objects.exists()


def test_without_a_usable_key_the_page_opens_and_says_notifications_are_unavailable(
    owner_client, settings, tmp_path
):
    settings.VAPID_PRIVATE_KEY_FILE = tmp_path / "no-such-folder" / "vapid.pem"
    response = owner_client.get(reverse("settings"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Notifications are not available on this server" in page
    assert "Turn on for this device" not in page


def test_without_dose_times_the_page_says_dose_notifications_need_them(owner, owner_client):
    page = owner_client.get(reverse("notification_settings")).content.decode()
    assert "Dose notifications follow your usual dose times" in page
    Profile.objects.filter(user=owner).update(dose_times=["08:00"])
    page = owner_client.get(reverse("notification_settings")).content.decode()
    assert "Dose notifications follow your usual dose times" not in page
