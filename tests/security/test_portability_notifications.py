"""Notification settings and devices in the JSON export: the settings go out and come back in
through the settings form; a device is listed by what the patient sees of it, never by the
push address and keys that let anyone holding them send to it."""

import io
import json
from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, UserFactory
from tracker.exports.json_export import export_user_data
from tracker.models import Course, NotificationSettings, PushSubscription

pytestmark = pytest.mark.django_db

ENDPOINT = "https://push.example.net/send/secret-capability-abc123"


@pytest.fixture
def notified_account(owner):
    CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=3))
    NotificationSettings.objects.create(
        user=owner, quiet_start=time(22, 30), quiet_end=time(7, 0), missed_after_minutes=90
    )
    PushSubscription.objects.create(
        owner=owner,
        endpoint=ENDPOINT,
        p256dh="BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
        auth="tBHItJI5svbpez7KI4CCXg",
        label="Firefox on Android",
        last_sent_at=timezone.now() - timedelta(hours=2),
    )
    return owner


def upload(client, data: dict):
    body = io.BytesIO(json.dumps(data).encode())
    body.name = "export.json"
    return client.post(reverse("import_json"), {"file": body})


def test_the_export_holds_the_settings_and_devices_but_no_push_address_or_keys(
    owner_client, notified_account
):
    response = owner_client.get(reverse("export_json"))
    data = response.json()
    assert data["notifications"] == {
        "quiet_start": "22:30:00",
        "quiet_end": "07:00:00",
        "missed_after_minutes": 90,
    }
    [device] = data["devices"]
    assert device["label"] == "Firefox on Android" and device["last_sent_at"]
    assert set(device) == {"label", "created_at", "last_sent_at"}
    body = response.content.decode()
    assert "secret-capability" not in body and "tBHItJI5" not in body


def test_the_settings_come_back_in_an_import_and_devices_subscribe_again(
    owner_client, notified_account, client
):
    exported = owner_client.get(reverse("export_json")).json()
    newcomer = UserFactory(username="fresh")
    client.force_login(newcomer)
    assert upload(client, exported).status_code == 302
    chosen = NotificationSettings.objects.get(user=newcomer)
    assert (chosen.quiet_start, chosen.quiet_end, chosen.missed_after_minutes) == (
        time(22, 30),
        time(7, 0),
        90,
    )
    # A subscription is its browser's own: the new account's devices subscribe from Settings.
    assert not PushSubscription.objects.filter(owner=newcomer).exists()
    copy = export_user_data(newcomer)
    assert copy["notifications"] == exported["notifications"] and copy["devices"] == []


def test_an_older_export_without_them_imports_and_keeps_the_accounts_own(
    owner_client, notified_account, client
):
    exported = owner_client.get(reverse("export_json")).json()
    del exported["notifications"], exported["devices"]
    newcomer = UserFactory(username="fresh")
    NotificationSettings.objects.create(user=newcomer, missed_after_minutes=30)
    client.force_login(newcomer)
    assert upload(client, exported).status_code == 302
    assert NotificationSettings.objects.get(user=newcomer).missed_after_minutes == 30
    assert Course.objects.filter(owner=newcomer).count() == 1


@pytest.mark.parametrize(
    "change, says",
    [
        ({"missed_after_minutes": 5}, "Notifications, missed_after_minutes:"),
        ({"missed_after_minutes": 100_000}, "Notifications, missed_after_minutes:"),
        ({"quiet_end": None}, "Enter both ends of the quiet hours"),
        ({"quiet_start": "25:99"}, "Notifications, quiet_start:"),
        ({"quiet_start": "07:00:00"}, "must end at another time"),
        ({"user_id": 1}, "Notifications: unknown field “user_id”."),
    ],
)
def test_settings_the_settings_form_refuses_are_refused_and_nothing_is_written(
    owner_client, notified_account, client, change, says
):
    exported = owner_client.get(reverse("export_json")).json()
    exported["notifications"].update(change)
    newcomer = UserFactory(username="fresh")
    client.force_login(newcomer)
    response = upload(client, exported)
    assert response.status_code == 200
    assert says in response.content.decode().replace("&#x27;", "'")
    assert not Course.objects.filter(owner=newcomer).exists()
    assert not NotificationSettings.objects.filter(user=newcomer).exists()
    assert NotificationSettings.objects.get(user=notified_account).missed_after_minutes == 90


@pytest.mark.parametrize(
    "device, says",
    [
        ({"endpoint": ENDPOINT}, "Device 1: unknown field “endpoint”."),
        ({"owner_id": 1}, "Device 1: unknown field “owner_id”."),
        ({"label": 7}, "Device 1: “label” should be text"),
    ],
)
def test_a_device_record_is_only_shown_never_a_way_in(
    owner_client, notified_account, client, device, says
):
    exported = owner_client.get(reverse("export_json")).json()
    exported["devices"][0].update(device)
    newcomer = UserFactory(username="fresh")
    client.force_login(newcomer)
    response = upload(client, exported)
    assert says in response.content.decode()
    assert not PushSubscription.objects.filter(owner=newcomer).exists()
    assert PushSubscription.objects.filter(owner=notified_account).count() == 1
