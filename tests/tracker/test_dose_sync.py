"""Doses logged offline on the dashboard, sent later to POST /doses/sync/ (static/js/
offline-log.js): recorded once per client token, at the time they were taken, with the same
checks as the form, and answered dose by dose."""

import json
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CourseFactory, DoseFactory
from tracker.models import Course, Dose, TaperPlan, TaperStep

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
START = NOW.date() - timedelta(days=3)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def course(owner):
    return CourseFactory(owner=owner, start_date=START)


def _entry(course, taken_at=NOW - timedelta(hours=2), **changes):
    entry = {
        "token": str(uuid.uuid4()),
        "course": course.pk,
        "taken_at": taken_at.isoformat().replace("+00:00", "Z"),
        "amount_mg": "350",
        "shown_on": taken_at.date().isoformat(),
    }
    return entry | changes


def _sync(client, *entries, body=None):
    data = json.dumps({"doses": list(entries)}) if body is None else body
    return client.post(reverse("dose_sync"), data, content_type="application/json")


def _results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_it_records_an_offline_dose_at_the_time_it_was_taken(owner_client, course):
    entry = _entry(course, taken_at=datetime(2026, 3, 10, 9, 41, 27, 512000, tzinfo=UTC))
    [result] = _results(_sync(owner_client, entry))
    dose = Dose.objects.get()
    assert dose.taken_at == datetime(2026, 3, 10, 9, 41, 27, 512000, tzinfo=UTC)
    assert (dose.course, dose.amount_mg, str(dose.form_token)) == (
        course,
        Decimal("350"),
        entry["token"],
    )
    assert result["result"] == "created" and result["token"] == entry["token"]
    assert result["message"] == "Recorded 350 mg taken at 09:41 on Tue 10 Mar (carisoprodol)."


def test_the_same_token_sent_twice_records_one_dose(owner_client, course):
    entry = _entry(course)
    _sync(owner_client, entry)
    [again] = _results(_sync(owner_client, entry))
    assert Dose.objects.count() == 1
    assert again["result"] == "already_recorded"
    assert again["message"].startswith("Already recorded: 350 mg taken at 13:00")


def test_a_dose_already_recorded_stays_so_after_its_course_ended(owner_client, course):
    """A retry whose first answer was lost: the dose is there, not refused."""
    entry = _entry(course)
    _sync(owner_client, entry)
    Course.objects.filter(pk=course.pk).update(status="stopped")
    [again] = _results(_sync(owner_client, entry))
    assert again["result"] == "already_recorded" and Dose.objects.count() == 1


def test_each_dose_is_answered_on_its_own(owner_client, course):
    good = _entry(course)
    future = _entry(course, taken_at=NOW + timedelta(hours=1))
    early = _entry(course, taken_at=NOW - timedelta(days=5))
    wrong_amount = _entry(course, amount_mg="700")
    bad_token = _entry(course, token="not-a-uuid")
    results = _results(_sync(owner_client, good, future, early, wrong_amount, bad_token))
    assert [r["result"] for r in results] == ["created"] + ["refused"] * 4
    assert "in the future" in results[1]["message"]
    assert "before the course started (07 Mar 2026)" in results[2]["message"]
    assert (
        "700 mg is not the intake the dashboard showed that day (350 mg)" in (results[3]["message"])
    )
    assert results[4]["token"] == "not-a-uuid" and "UUID" in results[4]["message"]
    assert list(Dose.objects.values_list("form_token", flat=True)) == [uuid.UUID(good["token"])]


def test_a_small_clock_difference_is_allowed(owner_client, course):
    """The phone's clock may run a few minutes ahead of the server's."""
    [result] = _results(_sync(owner_client, _entry(course, taken_at=NOW + timedelta(minutes=5))))
    assert result["result"] == "created"


def test_the_amount_is_the_intake_the_page_showed_that_day(owner_client, course):
    shown_later = _entry(course, shown_on=(NOW + timedelta(days=1)).date().isoformat())
    [result] = _results(_sync(owner_client, shown_later))
    assert result["result"] == "refused" and "outside the course" in result["message"]
    assert not Dose.objects.exists()


def test_during_a_taper_the_amount_is_that_days_step(owner_client, course):
    """A page kept from the day before the step began offered the course's intake."""
    plan = TaperPlan.objects.create(course=course)
    TaperStep.objects.create(plan=plan, start_date=NOW.date(), mg_per_intake=250, intakes_per_day=3)
    yesterday = (NOW - timedelta(days=1)).date().isoformat()
    results = _results(
        _sync(
            owner_client,
            _entry(course, amount_mg="250"),
            _entry(course, amount_mg="350"),
            _entry(course, amount_mg="350", shown_on=yesterday),
        )
    )
    assert [r["result"] for r in results] == ["created", "refused", "created"]
    assert "(250 mg)" in results[1]["message"]


def test_the_rules_the_dose_breaks_are_returned(owner_client, course):
    DoseFactory(course=course, taken_at=NOW - timedelta(hours=2, minutes=30))
    [result] = _results(_sync(owner_client, _entry(course, taken_at=NOW - timedelta(hours=2))))
    assert result["result"] == "created"
    assert result["findings"], "a dose 30 minutes after another breaks the spacing"
    finding = result["findings"][0]
    assert finding["level"] in ("warning", "danger") and finding["message"]
    assert finding["label"] == finding["level"].capitalize()


def test_a_dose_sent_after_one_taken_later_says_what_it_does_to_that_dose(owner_client, course):
    # Taken offline at 12:00, sent at 15:00, after a 13:00 dose logged on another device.
    DoseFactory(course=course, taken_at=NOW - timedelta(hours=2))
    [result] = _results(_sync(owner_client, _entry(course, taken_at=NOW - timedelta(hours=3))))
    assert result["result"] == "created"
    [later] = [f for f in result["findings"] if f["message"].startswith("With this dose")]
    assert "your dose at 13:00" in later["message"] and later["level"] == "warning"


def test_another_patients_course_is_refused_and_nothing_written(
    owner_client, course, other_patient
):
    theirs = CourseFactory(owner=other_patient, start_date=START)
    before = list(Dose.objects.values())
    [result] = _results(_sync(owner_client, _entry(theirs)))
    assert result["result"] == "refused"
    assert "not an active course of yours" in result["message"]
    assert list(Dose.objects.values()) == before


def test_an_ended_course_is_refused(owner_client, course):
    Course.objects.filter(pk=course.pk).update(status="stopped")
    [result] = _results(_sync(owner_client, _entry(course)))
    assert result["result"] == "refused" and "(it may have ended)" in result["message"]
    assert not Dose.objects.exists()


def test_a_token_of_another_patients_dose_records_nothing(owner_client, course, other_patient):
    theirs = DoseFactory(course=CourseFactory(owner=other_patient, start_date=START))
    [result] = _results(_sync(owner_client, _entry(course, token=str(theirs.form_token))))
    assert result["result"] == "refused"
    assert Dose.objects.count() == 1


@pytest.mark.parametrize(
    "body, message",
    [
        ("{not json", "The request is not JSON"),
        ("[]", 'Send {"doses": [...]}'),
        ('{"doses": "350"}', 'Send {"doses": [...]}'),
        ('{"doses": [42]}', 'Send {"doses": [...]}'),
        (json.dumps({"doses": [{}] * 101}), "Send at most 100 doses"),
    ],
)
def test_a_malformed_request_is_a_400_with_a_message(owner_client, course, body, message):
    response = _sync(owner_client, body=body)
    assert response.status_code == 400
    assert response.json()["error"].startswith(message)
    assert not Dose.objects.exists()


def test_values_of_the_wrong_kind_are_refused_not_a_crash(owner_client, course):
    odd = _entry(course) | {"token": ["a"], "course": {"pk": course.pk}, "amount_mg": True}
    [result] = _results(_sync(owner_client, odd))
    assert result["result"] == "refused" and "required" in result["message"]
    assert result["token"] == "['a']"


def test_it_needs_the_csrf_token(owner, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert _sync(client, _entry(course)).status_code == 403
    assert not Dose.objects.exists()


def test_the_dashboard_gives_the_offline_log_what_it_needs(owner_client, course):
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert f'data-sync-url="{reverse("dose_sync")}"' in html
    assert 'data-today="2026-03-10"' in html
    assert f'data-course="{course.pk}" data-amount-mg="350" data-drug="carisoprodol"' in html
    assert f'data-user="{course.owner.pk}"' in html
    assert "js/offline-log.js" in html


def test_each_dose_costs_the_same_few_queries_however_many_are_sent(owner_client, course):
    """Guards against a per-dose cost that grows with the course's doses (the findings once
    read each earlier dose's course id one query at a time) and against new queries per dose."""

    def cost(n):
        hours = [NOW - timedelta(hours=1 + i * 0.1) for i in range(n)]
        with CaptureQueriesContext(connection) as queries:
            _results(_sync(owner_client, *[_entry(course, taken_at=h) for h in hours]))
        return len(queries)

    # From one dose up: the request's own reads (the undone tokens among those sent) come once.
    base, four, seven = cost(1), cost(4), cost(7)
    per_dose = (four - base) / 3
    assert seven - four == four - base
    # The course, its taper plan, the token, the write (savepoint, dose, history, version with
    # the zone of the day totals, the day's total in one statement, release) and the course's
    # other doses for the findings.
    assert per_dose <= 10


def test_a_dose_undone_after_its_sync_is_not_brought_back_by_sending_it_again(owner_client, course):
    entry = _entry(course, taken_at=NOW - timedelta(minutes=5))
    [first] = _results(_sync(owner_client, entry))
    assert first["result"] == "created"
    dose = Dose.objects.get()
    assert owner_client.post(reverse("dose_undo", args=[dose.pk])).status_code == 302
    assert not Dose.objects.exists()
    [again] = _results(_sync(owner_client, entry))
    assert again["result"] == "already_recorded"
    assert "undone" in again["message"]
    assert not Dose.objects.exists()
