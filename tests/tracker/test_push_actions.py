"""A notification's Taken and Snooze: the single-use token is the only credential; Taken logs
exactly one dose, and never one the rules say not to take now."""

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from drugs.models import Drug
from tests.factories import CourseFactory, DoseFactory, UserFactory
from tracker.models import Dose, PushAction
from tracker.rules.notifications import DOSE_DUE, DOSE_MISSED, DueNotification
from tracker.services.push_actions import action_create, dose_token, notification_payload

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
DOSE_AT = datetime(2026, 5, 3, 8, 0, tzinfo=PARIS)
NOW = DOSE_AT + timedelta(minutes=5)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def course():
    owner = UserFactory(username="owner", time_zone="Europe/Paris")
    return CourseFactory(owner=owner, start_date=date(2026, 5, 1), intakes_per_day=3)


def new_token(course, now=NOW, kind=DOSE_DUE, slot="08:00") -> str:
    notice = DueNotification(kind, slot, "Carisoprodol: your 08:00 dose", "…", DOSE_AT)
    return action_create(course=course, notice=notice, now=now)


@pytest.fixture
def worker():
    """The service worker: no session, no CSRF cookie; CSRF checks on as in production."""
    return Client(enforce_csrf_checks=True)


def press(worker, button, token):
    url = reverse(f"push_action_{button}")
    return worker.post(url, json.dumps({"token": token}), content_type="application/json")


def test_taken_logs_exactly_one_dose_now(worker, course):
    token = new_token(course)
    response = press(worker, "taken", token)
    assert response.status_code == 200
    answer = response.json()
    assert answer["result"] == "logged" and answer["open"] is False
    assert answer["message"] == "Recorded 350 mg at 08:05."
    [dose] = Dose.objects.all()
    assert dose.course == course and dose.taken_at == NOW and dose.amount_mg == 350
    assert dose.form_token == dose_token(PushAction.objects.get())


def test_taken_twice_still_logs_one_dose(worker, course):
    token = new_token(course)
    assert press(worker, "taken", token).status_code == 200
    second = press(worker, "taken", token)
    assert second.status_code == 409 and second.json()["result"] == "already"
    assert Dose.objects.count() == 1


@pytest.fixture
def no_limits(course):
    """A drug without a minimum gap or a daily maximum: the rules never stop a second dose."""
    Drug.objects.filter(pk=course.drug_id).update(min_hours_between=None, max_daily_mg=None)
    course.refresh_from_db()
    return course


def test_taken_on_two_notices_of_one_dose_time_logs_one_dose(worker, no_limits):
    """The due notice, a snoozed reminder and the missed notice of 08:00 each carry a token;
    the first Taken spends them all."""
    due = new_token(no_limits, now=DOSE_AT)
    snoozed = new_token(no_limits, slot="08:00 snoozed to 08:20")
    missed = new_token(no_limits, kind=DOSE_MISSED)
    assert press(worker, "taken", due).json()["result"] == "logged"
    for token in (snoozed, missed):
        response = press(worker, "taken", token)
        assert response.status_code == 409
        answer = response.json()
        assert answer["result"] == "already" and answer["open"] is True
        assert answer["message"].startswith("Already logged at 08:05")
    assert Dose.objects.count() == 1
    assert not PushAction.objects.filter(used_at__isnull=True).exists()


def test_taken_after_the_dose_was_logged_in_the_app_logs_nothing(worker, no_limits):
    DoseFactory(course=no_limits, taken_at=DOSE_AT - timedelta(minutes=50))  # 07:10, early
    token = new_token(no_limits)
    response = press(worker, "taken", token)
    assert response.status_code == 409
    assert response.json()["message"].startswith("Already logged at 07:10")
    assert Dose.objects.count() == 1
    assert PushAction.objects.get().used_at == NOW  # nothing left to answer


def test_a_dose_before_the_early_window_does_not_count_for_the_dose_time(worker, no_limits):
    DoseFactory(course=no_limits, taken_at=DOSE_AT - timedelta(minutes=61))
    assert press(worker, "taken", new_token(no_limits)).json()["result"] == "logged"
    assert Dose.objects.count() == 2


def test_snooze_spends_the_other_notices_of_the_dose_time(worker, no_limits):
    due = new_token(no_limits, now=DOSE_AT)
    missed = new_token(no_limits, kind=DOSE_MISSED)
    other_time = action_create(
        course=no_limits,
        notice=DueNotification(DOSE_DUE, "14:00", "…", "…", DOSE_AT.replace(hour=14)),
        now=NOW,
    )
    assert press(worker, "snooze", due).status_code == 200
    assert press(worker, "taken", missed).status_code == 410
    assert not Dose.objects.exists()
    assert PushAction.objects.filter(used_at__isnull=True).count() == 1  # 14:00's stays live
    assert press(worker, "taken", other_time).json()["result"] == "logged"


def test_the_notices_of_one_dose_time_share_a_tag_so_the_newer_replaces_the_older(course):
    due = DueNotification(DOSE_DUE, "08:00", "Title", "Body", DOSE_AT)
    missed = DueNotification(DOSE_MISSED, "08:00", "Title", "Body", DOSE_AT)
    # A snooze's dose time is read back from the database, in UTC.
    snoozed = DueNotification(
        DOSE_DUE, "08:00 snoozed to 08:20", "Title", "Body", DOSE_AT.astimezone(UTC)
    )
    tomorrow = DueNotification(DOSE_DUE, "08:00", "Title", "Body", DOSE_AT + timedelta(days=1))
    tags = [
        notification_payload(course=course, notice=n, token="t")["tag"]
        for n in (due, missed, snoozed, tomorrow)
    ]
    assert tags[0] == tags[1] == tags[2] != tags[3]


@pytest.mark.parametrize(
    "body",
    [{"token": "x" * 43}, {"token": "short"}, {"token": 42}, {}, ["token"], "not json"],
)
def test_a_wrong_token_is_404_and_logs_nothing(worker, course, body):
    new_token(course)
    data = body if isinstance(body, str) else json.dumps(body)
    response = worker.post(reverse("push_action_taken"), data, content_type="application/json")
    assert response.status_code == 404
    assert not Dose.objects.exists()


def test_the_buttons_answer_only_posts(worker, course):
    assert worker.get(reverse("push_action_taken")).status_code == 405
    assert worker.get(reverse("push_action_snooze")).status_code == 405


def test_an_expired_token_or_an_ended_course_is_410(worker, course):
    old = new_token(course, now=NOW - timedelta(hours=13))
    assert press(worker, "taken", old).status_code == 410
    token = new_token(course)
    course.status, course.end_date = "stopped", date(2026, 5, 3)
    course.save()
    assert press(worker, "taken", token).status_code == 410
    assert not Dose.objects.exists()


def test_a_taken_the_rules_stop_logs_nothing_and_opens_the_app(worker, course):
    # 06:05, too early to count for 08:00; the gap is 4 hours
    DoseFactory(course=course, taken_at=NOW - timedelta(hours=2))
    token = new_token(course)
    response = press(worker, "taken", token)
    assert response.status_code == 409
    answer = response.json()
    assert answer["result"] == "confirm" and answer["open"] is True
    assert answer["url"] == reverse("dashboard")
    assert answer["message"] == "Not logged. Next dose from 10:05."
    assert Dose.objects.count() == 1
    assert PushAction.objects.get().used_at is None  # the app's confirm step still decides


def test_a_taken_past_the_daily_maximum_is_stopped_too(worker, course):
    for minutes in range(4):  # 4 × 350 = 1,400 mg since midnight: the daily maximum
        DoseFactory(course=course, taken_at=NOW - timedelta(hours=5, minutes=minutes))
    token = new_token(course)
    response = press(worker, "taken", token)
    assert response.status_code == 409
    assert "daily maximum is 1400 mg" in response.json()["message"]
    assert Dose.objects.count() == 4


def test_snooze_spends_the_token_and_remembers_when(worker, course):
    token = new_token(course)
    response = press(worker, "snooze", token)
    assert response.status_code == 200
    assert response.json()["message"] == "Snoozed: reminded again at 08:20."
    action = PushAction.objects.get()
    assert action.snoozed_until == NOW + timedelta(minutes=15) and action.used_at == NOW
    assert press(worker, "snooze", token).status_code == 410
    assert press(worker, "taken", token).status_code == 410
    assert not Dose.objects.exists()


def test_only_a_hash_of_the_token_is_stored(course):
    token = new_token(course)
    stored = PushAction.objects.get().token_hash
    assert token not in stored and len(stored) == 64


def test_the_payload_carries_the_token_and_the_button_urls(course):
    token = new_token(course)
    notice = DueNotification(DOSE_DUE, "08:00", "Title", "Body", DOSE_AT)
    payload = notification_payload(course=course, notice=notice, token=token)
    assert payload["token"] == token
    assert payload["tag"] == f"course-{course.pk}-dose-20260503T0600Z"
    assert len(json.dumps(payload)) < 3000  # push services take about 4 kB
