"""Sending: the app encrypts each due notification for a local receiver that stands in for the
push service and decrypts it with http_ece; each notification goes out once."""

import base64
import stat
import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from py_vapid import Vapid

from tests.factories import CourseFactory, DoseFactory, UserFactory
from tracker import push_keys
from tracker.models import (
    Course,
    DoseSchedule,
    NotificationSettings,
    Profile,
    PushAction,
    PushSent,
    PushSubscription,
)
from tracker.services import push
from tracker.services.push_actions import action_for_token, push_action_snooze

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
MORNING = datetime(2026, 5, 3, 8, 0, tzinfo=PARIS)  # day 3 of a course from 1 May


def subscribe(user, receiver, path="/push/device-1"):
    info = receiver.subscription(path)
    return push.push_subscribe(
        user=user,
        endpoint=info["endpoint"],
        p256dh=info["keys"]["p256dh"],
        auth=info["keys"]["auth"],
    )


@pytest.fixture
def patient(receiver):
    """The owner: doses at 08:00 and 20:00 in Paris, a course from 1 May, one device."""
    user = UserFactory(username="owner", time_zone="Europe/Paris")
    Profile.objects.filter(user=user).update(dose_times=["08:00", "20:00"])
    CourseFactory(owner=user, start_date=date(2026, 5, 1), intakes_per_day=2)
    subscribe(user, receiver)
    return user


def test_a_due_dose_arrives_encrypted_with_its_text_and_buttons(patient, receiver):
    with time_machine.travel(MORNING, tick=False):
        assert push.send_due_notifications() == 1
    [payload] = receiver.payloads()
    assert payload["title"] == "Carisoprodol: your 08:00 dose"
    assert "checks it against your limits" in payload["body"]
    assert "your prescriber decides" in payload["body"]
    assert [a["action"] for a in payload["actions"]] == ["taken", "snooze"]
    assert [a["title"] for a in payload["actions"]] == ["Taken", "Snooze 15 min"]
    assert payload["taken_url"] == "/push/taken/" and payload["snooze_url"] == "/push/snooze/"
    with time_machine.travel(MORNING, tick=False):
        assert action_for_token(payload["token"], MORNING).slot == "08:00"


def test_the_push_is_signed_with_the_servers_vapid_key(patient, receiver):
    with time_machine.travel(MORNING, tick=False):
        push.send_due_notifications()
    [(path, headers, _)] = receiver.requests
    assert path == "/push/device-1"
    assert headers["content-encoding"] == "aes128gcm"
    assert f"k={push_keys.public_key()}" in headers["authorization"]
    assert headers["authorization"].startswith("vapid t=")


def test_run_twice_a_notification_goes_out_once(patient, receiver):
    with time_machine.travel(MORNING, tick=False):
        assert push.send_due_notifications() == 1
        assert push.send_due_notifications() == 0
    assert len(receiver.requests) == 1
    assert PushSent.objects.get().sent_at is not None


def test_the_management_command_sends_them(patient, receiver, capsys):
    with time_machine.travel(MORNING, tick=False):
        call_command("send_notifications")
    assert "Sent 1 notification(s)." in capsys.readouterr().out
    assert len(receiver.requests) == 1


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_the_push_service_forgot_is_removed(patient, receiver, status):
    receiver.status = status
    with time_machine.travel(MORNING, tick=False):
        assert push.send_due_notifications() == 0
    assert not PushSubscription.objects.exists()
    assert PushSent.objects.get().sent_at is None  # released: nothing was delivered


def test_a_failing_push_service_keeps_the_device_and_a_later_run_retries(patient, receiver):
    receiver.status = 500
    with time_machine.travel(MORNING, tick=False):
        assert push.send_due_notifications() == 0
    assert PushSubscription.objects.count() == 1
    receiver.status = 201
    with time_machine.travel(MORNING.replace(minute=1), tick=False):
        assert push.send_due_notifications() == 1


def test_nothing_goes_out_in_quiet_hours(patient, receiver):
    NotificationSettings.objects.create(
        user=patient,
        quiet_start=datetime(1, 1, 1, 22).time(),
        quiet_end=datetime(1, 1, 1, 8, 30).time(),
    )
    with time_machine.travel(MORNING, tick=False):
        assert push.send_due_notifications() == 0
    with time_machine.travel(MORNING.replace(minute=30), tick=False):
        assert push.send_due_notifications() == 1
    assert receiver.requests and len(receiver.requests) == 1


def test_a_logged_dose_silences_its_notification(patient, receiver):
    course = patient.courses.get()
    DoseFactory(course=course, taken_at=MORNING.replace(hour=7, minute=30))
    with time_machine.travel(MORNING, tick=False):
        assert push.send_due_notifications() == 0


def test_snooze_sends_the_dose_notice_again_fifteen_minutes_later(patient, receiver):
    with time_machine.travel(MORNING, tick=False):
        push.send_due_notifications()
    [first] = receiver.payloads()
    pressed = MORNING.replace(minute=2)
    push_action_snooze(action=action_for_token(first["token"], pressed), now=pressed)
    with time_machine.travel(MORNING.replace(minute=16), tick=False):
        assert push.send_due_notifications() == 0
    with time_machine.travel(MORNING.replace(minute=17), tick=False):
        assert push.send_due_notifications() == 1
        assert push.send_due_notifications() == 0
    again = receiver.payloads()[1]
    assert again["title"] == "Carisoprodol: your 08:00 dose (snoozed)"
    assert again["token"] != first["token"]
    assert again["tag"] == first["tag"]  # it replaces the first on screen


def test_no_missed_notice_before_the_courses_first_dose(patient, receiver):
    """As the dashboard: a course with no dose yet has missed nothing."""
    with time_machine.travel(MORNING.replace(hour=9, minute=30), tick=False):
        assert push.send_due_notifications() == 0
    assert receiver.requests == []


def test_the_missed_notice_replaces_the_due_notice_of_its_dose_time(patient, receiver):
    course = patient.courses.get()
    DoseFactory(course=course, taken_at=MORNING - timedelta(hours=12))  # the course is under way
    with time_machine.travel(MORNING, tick=False):
        assert push.send_due_notifications() == 1
    with time_machine.travel(MORNING + timedelta(hours=1), tick=False):
        assert push.send_due_notifications() == 1
    due, missed = receiver.payloads()
    assert missed["title"] == "Carisoprodol: 08:00 dose not logged"
    assert missed["tag"] == due["tag"]


def test_only_the_owners_devices_receive_the_owners_notifications(patient, receiver):
    other = UserFactory(username="other", time_zone="Europe/Paris")
    subscribe(other, receiver, "/push/other-device")
    with time_machine.travel(MORNING, tick=False):
        assert push.send_due_notifications() == 1
    assert [path for path, _, _ in receiver.requests] == ["/push/device-1"]


def test_an_as_needed_course_gets_no_dose_notices(patient, receiver):
    Course.objects.filter(owner=patient).update(dose_schedule=DoseSchedule.AS_NEEDED)
    with time_machine.travel(MORNING, tick=False):
        assert push.send_due_notifications() == 0
    Course.objects.filter(owner=patient).update(dose_schedule=DoseSchedule.SCHEDULED)
    with time_machine.travel(MORNING, tick=False):
        assert push.send_due_notifications() == 1


def test_the_caution_day_notice_goes_out_with_the_first_dose_time(patient, receiver):
    with time_machine.travel(datetime(2026, 5, 11, 8, 0, tzinfo=PARIS), tick=False):
        assert push.send_due_notifications() == 2  # the 08:00 dose and the caution day
    titles = sorted(p["title"] for p in receiver.payloads())
    assert titles[0] == "Carisoprodol: day 11, the course limit is approaching"
    caution = receiver.payloads()[[p["title"] for p in receiver.payloads()].index(titles[0])]
    assert "actions" not in caution and "token" not in caution


def test_a_test_notification_reaches_each_device(patient, receiver):
    subscribe(patient, receiver, "/push/device-2")
    assert push.push_send_test(user=patient) == 2
    assert {p["title"] for p in receiver.payloads()} == {"Test notification"}


def test_the_vapid_key_is_created_once_readable_by_its_owner_only(settings, tmp_path):
    settings.VAPID_PRIVATE_KEY_FILE = tmp_path / "vapid.pem"
    public = push_keys.public_key()
    assert stat.S_IMODE((tmp_path / "vapid.pem").stat().st_mode) == 0o600
    assert push_keys.public_key() == public
    assert len(base64.urlsafe_b64decode(public + "==")) == 65


def test_keys_from_settings_are_used_and_must_match(settings, tmp_path):
    vapid = Vapid()
    vapid.generate_keys()
    raw_public = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    expected = base64.urlsafe_b64encode(raw_public).decode().rstrip("=")
    settings.VAPID_PRIVATE_KEY = vapid.private_pem().decode()
    settings.VAPID_PUBLIC_KEY = expected
    settings.VAPID_PRIVATE_KEY_FILE = tmp_path / "never-created.pem"
    assert push_keys.public_key() == expected
    assert not (tmp_path / "never-created.pem").exists()
    other = Vapid()
    other.generate_keys()
    settings.VAPID_PUBLIC_KEY = base64.urlsafe_b64encode(
        other.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    ).decode()
    with pytest.raises(ImproperlyConfigured, match="does not match"):
        push_keys.public_key()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_two_copies_at_once_send_each_notification_once(receiver):
    for n in range(4):
        user = UserFactory(username=f"p{n}", time_zone="Europe/Paris")
        Profile.objects.filter(user=user).update(dose_times=["08:00"])
        CourseFactory(owner=user, start_date=date(2026, 5, 1))
        subscribe(user, receiver, f"/push/p{n}")
    counts, errors = [], []
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            counts.append(push.send_due_notifications(now=MORNING))
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(counts) == 4
    assert sorted(path for path, _, _ in receiver.requests) == [f"/push/p{n}" for n in range(4)]


def test_the_run_costs_the_same_queries_for_one_patient_or_many(
    patient, receiver, django_assert_num_queries
):
    """Guards against queries per course or per device (drug limits, taper steps, last dose,
    the owner's settings) in the job that runs every minute."""
    quiet_moment = MORNING.replace(hour=7)  # nothing due: only the reading is counted
    with django_assert_num_queries(6) as one:
        assert push.send_due_notifications(now=quiet_moment) == 0
    for n in range(3):
        user = UserFactory(username=f"p{n}", time_zone="Europe/Paris")
        CourseFactory(owner=user, start_date=date(2026, 5, 1))
        subscribe(user, receiver, f"/push/p{n}")
    with django_assert_num_queries(len(one.captured_queries)):
        assert push.send_due_notifications(now=quiet_moment) == 0


def test_spent_buttons_are_purged_a_day_after_they_expire(patient, receiver):
    with time_machine.travel(MORNING, tick=False):
        push.send_due_notifications()
    assert PushAction.objects.count() == 1
    expired_a_day = MORNING + timedelta(hours=12) + timedelta(days=1)  # 4 May, 20:00
    push.send_due_notifications(now=expired_a_day - timedelta(hours=13))  # 07:00, nothing due
    assert PushAction.objects.count() == 1
    push.send_due_notifications(now=expired_a_day + timedelta(hours=11))  # 5 May, 07:00
    assert not PushAction.objects.exists()
