"""Passwords, login lockout, sessions and CSRF."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, CourseFactory, UserFactory
from tracker.models import CoMedication, Course, Dose

pytestmark = pytest.mark.django_db


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_passwords_are_hashed_with_argon2_and_old_hashes_upgraded_at_login(client, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = UserFactory(username="legacy")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    assert _login(client, "legacy", PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2")


def test_five_failures_lock_out_that_username_from_that_address(client, settings):
    UserFactory(username="pat")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "pat", "wrong").status_code == 200
    assert _login(client, "pat", "wrong").status_code == 429  # the limit-th failure locks
    locked = _login(client, "pat", PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
    assert "paused for 15 minutes after 5 failed attempts" in locked.content.decode()
    # Keyed on username and IP together: neither alone is locked.
    assert _login(Client(), "pat", PASSWORD, ip="10.0.0.2").status_code == 302
    UserFactory(username="neighbour")
    assert _login(Client(), "neighbour", PASSWORD, ip="10.0.0.1").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, settings):
    UserFactory(username="pat")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "pat", "wrong")
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        assert _login(client, "pat", PASSWORD).status_code == 302


def test_the_session_key_changes_at_login(client):
    UserFactory(username="pat")
    client.get(reverse("login"))
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    _login(client, "pat", PASSWORD)
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_logout_invalidates_the_session(client):
    UserFactory(username="pat")
    _login(client, "pat", PASSWORD)
    key = client.session.session_key
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    stolen = Client()
    stolen.cookies["sessionid"] = key
    assert stolen.get(reverse("dashboard")).status_code == 302


def test_an_idle_session_ends_after_the_idle_time(client, settings):
    UserFactory(username="pat")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        _login(client, "pat", PASSWORD)
        clock.move_to(start + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60))
        assert client.get(reverse("dashboard")).status_code == 200  # activity renews it
        clock.move_to(start + timedelta(seconds=2 * settings.SESSION_COOKIE_AGE - 120))
        assert client.get(reverse("dashboard")).status_code == 200
        clock.move_to(start + timedelta(seconds=3 * settings.SESSION_COOKIE_AGE))
        assert client.get(reverse("dashboard")).status_code == 302


def test_requests_within_a_minute_do_not_write_the_session_and_a_later_one_renews_it(
    client, settings
):
    UserFactory(username="pat")
    start = timezone.now()
    refresh = timedelta(seconds=settings.SESSION_REFRESH_SECONDS)
    with time_machine.travel(start, tick=False) as clock:
        _login(client, "pat", PASSWORD)
        key = client.session.session_key
        expiry = Session.objects.get(session_key=key).expire_date
        clock.move_to(start + refresh - timedelta(seconds=1))
        with CaptureQueriesContext(connection) as queries:
            for url in [reverse("dashboard"), reverse("dose_history"), reverse("settings")]:
                response = client.get(url)
                assert response.status_code == 200
                assert "sessionid" not in response.cookies, url  # cookie not sent again
        writes = [q["sql"] for q in queries if "django_session" in q["sql"]]
        assert not [sql for sql in writes if not sql.lstrip().upper().startswith("SELECT")]
        assert Session.objects.get(session_key=key).expire_date == expiry

        clock.move_to(start + refresh + timedelta(seconds=1))
        response = client.get(reverse("dashboard"))
        assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
        renewed = Session.objects.get(session_key=key).expire_date
        assert renewed == expiry + refresh + timedelta(seconds=1)


def test_an_active_session_still_ends_at_the_absolute_maximum(client, settings):
    UserFactory(username="pat")
    start = timezone.now()
    step = timedelta(seconds=settings.SESSION_COOKIE_AGE // 2)
    with time_machine.travel(start, tick=False) as clock:
        _login(client, "pat", PASSWORD)
        moment = start
        while moment - start < timedelta(seconds=settings.SESSION_ABSOLUTE_MAX_AGE - step.seconds):
            moment += step
            clock.move_to(moment)
            assert client.get(reverse("dashboard")).status_code == 200
        clock.move_to(start + timedelta(seconds=settings.SESSION_ABSOLUTE_MAX_AGE + 60))
        assert client.get(reverse("dashboard")).status_code == 302


def test_every_post_without_a_csrf_token_is_refused_and_writes_nothing(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    course = CourseFactory(owner=owner)
    comed = CoMedication.objects.create(owner=owner, name="Xanax", start_date=course.start_date)
    before = (Course.objects.count(), Dose.objects.count(), CoMedication.objects.count())
    posts = [
        (reverse("dose_quick_log"), {"course": course.pk, "token": str(uuid.uuid4())}),
        (
            reverse("dose_create", args=[course.pk]),
            {"amount_mg": "350", "taken_at": "2026-01-01T08:00"},
        ),
        (reverse("course_start"), {"mg_per_intake": "350"}),
        (reverse("course_end", args=[course.pk]), {"status": "stopped", "end_date": "2026-01-01"}),
        (reverse("comedication_add"), {"name": "beer", "start_date": "2026-01-01"}),
        (reverse("comedication_stop", args=[comed.pk]), {}),
        (reverse("comedication_delete", args=[comed.pk]), {}),
        (reverse("delete_account"), {"password": PASSWORD}),
        (reverse("settings"), {"time_zone": "Asia/Tokyo"}),
        (reverse("logout"), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert (Course.objects.count(), Dose.objects.count(), CoMedication.objects.count()) == before
    assert client.get(reverse("dashboard")).status_code == 200  # still logged in


def test_a_huge_username_is_refused_not_a_crash(client):
    response = _login(client, "x" * 5000, "wrong")
    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()
