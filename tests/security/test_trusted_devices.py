""" "Keep me signed in on this device": a long session for that device only, listed in the
settings with "sign out this device" and "sign out everywhere"; other sessions keep the idle
timeout and the absolute maximum."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory, signed_in_device
from tracker.device_sessions import DEVICE_SEEN_REFRESH_SECONDS, DEVICE_SESSION
from tracker.models import Device

pytestmark = pytest.mark.django_db

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


def _log_in(client, *, trust: bool, username="owner"):
    data = {"username": username, "password": PASSWORD}
    if trust:
        data["trust_device"] = "on"
    response = client.post(reverse("login"), data, HTTP_USER_AGENT=ANDROID_CHROME)
    assert response.status_code == 302
    return response


def _signed_in(client) -> bool:
    return client.get(reverse("dashboard")).status_code == 200


def test_the_log_in_page_offers_to_keep_the_device_signed_in(client):
    page = client.get(reverse("login")).text
    assert "Keep me signed in on this device" in page
    assert "For 30 days, even when idle" in page


def test_a_trusted_log_in_gets_a_thirty_day_cookie_and_a_trusted_device(client, owner, clock):
    response = _log_in(client, trust=True)
    assert response.cookies["sessionid"]["max-age"] == 30 * 24 * 3600
    [device] = Device.objects.filter(user=owner)
    assert device.trusted and device.label == "Chrome on Android"
    assert device.session_id == client.session.session_key
    expiry = Session.objects.get(session_key=device.session_id).expire_date
    assert expiry == timezone.now() + timedelta(days=30)


def test_a_trusted_session_survives_the_idle_timeout_and_the_twelve_hour_cap(
    client, owner, clock, settings
):
    _log_in(client, trust=True)
    clock.shift(timedelta(seconds=settings.SESSION_COOKIE_AGE * 3))  # idle for 90 minutes
    assert _signed_in(client)
    clock.shift(timedelta(seconds=settings.SESSION_ABSOLUTE_MAX_AGE))  # 13.5 h after log-in
    assert _signed_in(client)
    clock.shift(timedelta(days=10))  # idle for ten days
    assert _signed_in(client)


def test_a_trusted_session_ends_thirty_days_after_log_in_however_active(client, owner, clock):
    start = timezone.now()
    _log_in(client, trust=True)
    for day in range(1, 30):
        clock.move_to(start + timedelta(days=day))
        assert _signed_in(client), day
    clock.move_to(start + timedelta(days=30, minutes=-1))
    assert _signed_in(client)
    clock.move_to(start + timedelta(days=30, minutes=1))
    assert not _signed_in(client)


def test_the_trusted_end_is_enforced_even_if_the_session_row_were_kept(client, owner, clock):
    start = timezone.now()
    _log_in(client, trust=True)
    key = client.session.session_key
    clock.move_to(start + timedelta(days=31))
    # As if the stored expiry had been pushed back: the session's own trusted end still counts.
    Session.objects.filter(session_key=key).update(expire_date=start + timedelta(days=60))
    assert not _signed_in(client)


def test_the_days_come_from_the_setting(client, owner, clock, settings):
    settings.TRUSTED_DEVICE_DAYS = 7
    start = timezone.now()
    response = _log_in(client, trust=True)
    assert response.cookies["sessionid"]["max-age"] == 7 * 24 * 3600
    clock.move_to(start + timedelta(days=7, minutes=1))
    assert not _signed_in(client)


def test_an_untrusted_session_still_times_out_when_idle_and_at_twelve_hours(
    client, owner, clock, settings
):
    start = timezone.now()
    _log_in(client, trust=False)
    assert not Device.objects.get(user=owner).trusted
    clock.move_to(start + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
    assert not _signed_in(client)

    _log_in(client, trust=False)
    start = timezone.now()
    moment = start
    while moment < start + timedelta(seconds=settings.SESSION_ABSOLUTE_MAX_AGE - 600):
        moment += timedelta(minutes=20)
        clock.move_to(moment)
        assert _signed_in(client)
    clock.move_to(start + timedelta(seconds=settings.SESSION_ABSOLUTE_MAX_AGE + 60))
    assert not _signed_in(client)


def test_logging_out_removes_the_device(client, owner):
    _log_in(client, trust=True)
    client.post(reverse("logout"))
    assert not Device.objects.filter(user=owner).exists()


def test_the_settings_page_lists_the_devices_this_one_first(client, owner, clock):
    signed_in_device(owner, label="Firefox on Windows")
    clock.shift(timedelta(minutes=1))
    _log_in(client, trust=True)
    page = client.get(reverse("settings")).text
    assert page.index("Chrome on Android") < page.index("This device") < page.index("Firefox on")
    assert "kept signed in until" in page
    assert "signs out when idle" in page
    assert "Sign out everywhere" in page


def test_expired_sessions_are_not_listed(owner_client, owner, clock):
    stale = signed_in_device(owner, label="Safari on iPhone")
    Session.objects.filter(pk=stale.session_id).update(expire_date=timezone.now())
    assert "Safari on iPhone" not in owner_client.get(reverse("settings")).text


def test_sign_out_another_device_ends_its_session_only(client, owner, clock):
    _log_in(client, trust=True)
    other = signed_in_device(owner, trusted=True)
    phone = Client()
    phone.cookies["sessionid"] = other.session_id
    assert _signed_in(phone)
    response = client.post(reverse("device_sign_out", args=[other.pk]))
    assert response.status_code == 302 and response.url == reverse("settings")
    assert not _signed_in(phone)
    assert not Device.objects.filter(pk=other.pk).exists()
    assert _signed_in(client)


def test_sign_out_this_device_logs_out_here(client, owner, clock):
    _log_in(client, trust=True)
    mine = Device.objects.get(user=owner)
    response = client.post(reverse("device_sign_out", args=[mine.pk]))
    assert response.url == reverse("login")
    assert not _signed_in(client)
    assert not Session.objects.filter(session_key=mine.session_id).exists()


def test_sign_out_everywhere_ends_every_session_this_one_included(client, owner, clock):
    _log_in(client, trust=True)
    others = [signed_in_device(owner, trusted=True), signed_in_device(owner)]
    neighbour = signed_in_device(UserFactory(username="neighbour"))
    response = client.post(reverse("devices_sign_out_everywhere"))
    assert response.url == reverse("login")
    assert not _signed_in(client)
    for device in others:
        browser = Client()
        browser.cookies["sessionid"] = device.session_id
        assert not _signed_in(browser)
    assert list(Device.objects.all()) == [neighbour]
    assert Session.objects.filter(pk=neighbour.session_id).exists()


def test_another_patients_device_is_404_and_stays_signed_in(owner_client, owner, other_patient):
    theirs = signed_in_device(other_patient, trusted=True)
    response = owner_client.post(reverse("device_sign_out", args=[theirs.pk]))
    assert response.status_code == 404
    assert Device.objects.filter(pk=theirs.pk, trusted=True).exists()
    browser = Client()
    browser.cookies["sessionid"] = theirs.session_id
    assert _signed_in(browser)
    assert owner_client.get(reverse("device_sign_out", args=[theirs.pk])).status_code == 405


def test_the_devices_section_queries_do_not_grow_with_the_devices(owner_client, owner):
    """Guards against an N+1: each row's session end (the session table) is read in the same
    query as the devices."""

    def settings_queries():
        with CaptureQueriesContext(connection) as queries:
            assert owner_client.get(reverse("settings")).status_code == 200
        return [q["sql"] for q in queries]

    one = settings_queries()
    for n in range(5):
        signed_in_device(owner, label=f"Device {n}")
    six = settings_queries()
    assert len(six) == len(one)
    assert len([sql for sql in six if "tracker_device" in sql]) == 1


def test_last_seen_moves_at_most_every_quarter_hour(client, owner, clock):
    start = timezone.now()
    _log_in(client, trust=True)
    device = Device.objects.get(user=owner)
    assert device.created_at == device.last_seen_at == start
    clock.move_to(start + timedelta(seconds=DEVICE_SEEN_REFRESH_SECONDS - 1))
    with CaptureQueriesContext(connection) as queries:
        assert _signed_in(client)
    assert not [q for q in queries if "tracker_device" in q["sql"]]
    clock.move_to(start + timedelta(seconds=DEVICE_SEEN_REFRESH_SECONDS + 1))
    assert _signed_in(client)
    device.refresh_from_db()
    assert device.last_seen_at == start + timedelta(seconds=DEVICE_SEEN_REFRESH_SECONDS + 1)
    assert device.created_at == start


def test_a_session_from_before_devices_existed_is_recorded_at_its_next_request(owner_client, owner):
    Device.objects.filter(user=owner).delete()
    session = owner_client.session
    del session[DEVICE_SESSION]
    session.save()
    assert _signed_in(owner_client)
    assert Device.objects.get(user=owner).session_id == owner_client.session.session_key
