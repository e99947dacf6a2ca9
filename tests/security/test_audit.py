"""Audit: who changed what and when, the user's view of it, and structured security events."""

import json
import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, CourseFactory, DoseFactory, UserFactory
from tracker.models import CoMedication, Dose

pytestmark = pytest.mark.django_db


def test_dose_create_edit_and_delete_are_recorded_with_who_and_values(owner_client, owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=1))
    owner_client.post(
        reverse("dose_quick_log"),
        {"course": course.pk, "token": "6f1e3c1e-3b8a-4b9e-9f53-1d2e3f4a5b6c"},
    )
    dose = Dose.objects.get()
    owner_client.post(
        reverse("dose_edit", args=[dose.pk]),
        {
            "amount_mg": "250",
            "taken_at": timezone.localtime(dose.taken_at).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    owner_client.post(reverse("dose_delete", args=[dose.pk]))
    history = list(Dose.history.filter(id=dose.pk).order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~", "-"]
    assert [h.amount_mg for h in history] == [350, 250, 250]
    assert all(h.history_user == owner for h in history)


def test_course_and_co_medication_changes_are_recorded(owner_client, owner):
    course = CourseFactory(owner=owner)
    owner_client.post(
        reverse("course_end", args=[course.pk]),
        {"status": "finished", "end_date": course.start_date.isoformat()},
    )
    owner_client.post(
        reverse("comedication_add"), {"name": "beer", "start_date": course.start_date.isoformat()}
    )
    comed = CoMedication.objects.get()
    owner_client.post(reverse("comedication_stop", args=[comed.pk]))
    assert course.history.latest().status == "finished"
    assert course.history.latest().prev_record.status == "active"
    assert [h.history_type for h in comed.history.order_by("history_date")] == ["+", "~"]


def test_the_user_sees_an_edited_mark_and_the_records_history(owner_client, owner):
    dose = DoseFactory(
        course=CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=1))
    )
    owner_client.post(
        reverse("dose_edit", args=[dose.pk]),
        {
            "amount_mg": "250",
            "taken_at": timezone.localtime(dose.taken_at).strftime("%Y-%m-%dT%H:%M"),
            "note": "typo",
        },
    )
    assert "edited" in owner_client.get(reverse("dose_history")).content.decode()
    page = owner_client.get(reverse("record_history", args=["dose", dose.pk])).content.decode()
    assert "Changed</strong> by you" in page
    assert "Amount (mg)</span>: 350 → 250" in page
    assert "form_token" not in page


def _events(caplog):
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "security"]


def test_logins_failures_lockouts_and_denials_are_logged_without_secrets(client, caplog, settings):
    caplog.set_level(logging.INFO, logger="security")
    UserFactory(username="pat")
    client.post(reverse("login"), {"username": "pat", "password": PASSWORD})
    session_key = client.session.session_key
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "pat", "password": "hunter2-wrong"})
    events = [e["event"] for e in _events(caplog)]
    assert events[0] == "login_success" and "login_failure" in events and "lockout" in events
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "hunter2" not in text and PASSWORD not in text and session_key not in text


def test_a_denied_access_is_logged(owner_client, owner, caplog):
    caplog.set_level(logging.INFO, logger="security")
    other = CourseFactory()
    owner_client.get(reverse("course_detail", args=[other.pk]))
    [event] = [e for e in _events(caplog) if e["event"] == "access_denied"]
    assert event == {
        "event": "access_denied",
        "object": "course",
        "object_id": str(other.pk),
        "user_id": owner.pk,
    }


def test_control_characters_in_usernames_are_escaped(client, caplog):
    caplog.set_level(logging.INFO, logger="security")
    client.post(
        reverse("login"), {"username": 'evil\n{"event": "login_success"}\x1b[31m', "password": "x"}
    )
    [line] = [r.getMessage() for r in caplog.records if r.name == "security"]
    assert "\n" not in line and "\x1b" not in line
    assert json.loads(line)["username"].startswith("evil\n")
