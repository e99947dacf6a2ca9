"""Logging doses: one click, the form, bad input, double submit, edit and delete."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, DoseFactory
from tests.pages import shown_items
from tracker.models import Dose

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(owner):
    return CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=2))


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_one_click_logs_the_prescribed_amount_now(owner_client, course):
    dashboard = owner_client.get(reverse("dashboard"))
    token = shown_items(dashboard)[0][1]
    response = owner_client.post(
        reverse("dose_quick_log"), {"course": course.pk, "token": token}, follow=True
    )
    dose = Dose.objects.get()
    assert dose.amount_mg == Decimal("350")
    assert timezone.now() - dose.taken_at < timedelta(seconds=10)
    assert any(m.startswith("Recorded 350 mg of carisoprodol") for m in _messages(response))
    assert "350 mg" in response.content.decode()


def test_a_double_click_records_one_dose(owner_client, course):
    token = str(uuid.uuid4())
    owner_client.post(reverse("dose_quick_log"), {"course": course.pk, "token": token})
    response = owner_client.post(
        reverse("dose_quick_log"), {"course": course.pk, "token": token}, follow=True
    )
    assert Dose.objects.count() == 1
    assert any("Already recorded" in m for m in _messages(response))


def test_a_resubmitted_dose_form_records_one_dose(owner_client, course):
    data = {
        "amount_mg": "350",
        "taken_at": _local(timezone.now() - timedelta(hours=1)),
        "note": "",
        "token": str(uuid.uuid4()),
    }
    url = reverse("dose_create", args=[course.pk])
    assert owner_client.post(url, data).status_code == 302
    assert owner_client.post(url, data).status_code == 302
    assert Dose.objects.count() == 1


def test_the_form_records_another_time_amount_and_note(owner_client, course):
    when = timezone.now() - timedelta(hours=3)
    response = owner_client.post(
        reverse("dose_create", args=[course.pk]),
        {
            "amount_mg": "250",
            "taken_at": _local(when),
            "note": "with food",
            "token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    dose = Dose.objects.get()
    assert (dose.amount_mg, dose.note) == (Decimal("250"), "with food")
    assert abs(dose.taken_at - when) < timedelta(minutes=1)


@pytest.mark.parametrize(
    "amount, message",
    [
        ("0", "more than 0"),
        ("-350", "more than 0"),
        ("3500.01", "more than 10 times the largest single dose"),
        ("abc", "Enter a number"),
        ("NaN", "Enter a number"),
        ("1e400", "no more than 8 digits"),
    ],
)
def test_a_bad_amount_is_refused_with_a_message(owner_client, course, amount, message):
    response = owner_client.post(
        reverse("dose_create", args=[course.pk]),
        {"amount_mg": amount, "taken_at": _local(timezone.now()), "token": str(uuid.uuid4())},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Dose.objects.exists()


def test_ten_times_the_maximum_is_still_accepted_as_a_record(owner_client, course):
    response = owner_client.post(
        reverse("dose_create", args=[course.pk]),
        {"amount_mg": "3500", "taken_at": _local(timezone.now()), "token": str(uuid.uuid4())},
        follow=True,
    )
    assert Dose.objects.count() == 1
    assert any("above the per-dose maximum" in m for m in _messages(response))


@pytest.mark.parametrize(
    "offset, message",
    [
        (timedelta(minutes=17), "in the future"),
        (timedelta(days=-3), "before the course started"),
    ],
)
def test_a_bad_time_is_refused(owner_client, course, offset, message):
    response = owner_client.post(
        reverse("dose_create", args=[course.pk]),
        {
            "amount_mg": "350",
            "taken_at": _local(timezone.now() + offset),
            "token": str(uuid.uuid4()),
        },
    )
    assert message in response.content.decode()
    assert not Dose.objects.exists()


def test_a_time_a_few_minutes_ahead_is_accepted(owner_client, course):
    owner_client.post(
        reverse("dose_create", args=[course.pk]),
        {
            "amount_mg": "350",
            "taken_at": _local(timezone.now() + timedelta(minutes=10)),
            "token": str(uuid.uuid4()),
        },
    )
    assert Dose.objects.count() == 1


def test_a_malformed_time_is_refused(owner_client, course):
    response = owner_client.post(
        reverse("dose_create", args=[course.pk]),
        {"amount_mg": "350", "taken_at": "yesterday-ish", "token": str(uuid.uuid4())},
    )
    assert "Enter a valid date/time" in response.content.decode()
    assert not Dose.objects.exists()


def test_a_dose_breaking_a_rule_is_recorded_and_warned_about(owner_client, course):
    DoseFactory(course=course, taken_at=timezone.now() - timedelta(hours=1))
    response = owner_client.post(
        reverse("dose_quick_log"),
        {"course": course.pk, "token": str(uuid.uuid4()), "confirmed": "1"},  # "I already took it"
        follow=True,
    )
    assert Dose.objects.count() == 2
    assert any("Warning:" in m and "minimum gap is 4 hours" in m for m in _messages(response))


def test_editing_a_dose_marks_it_edited_and_keeps_the_history(owner_client, course):
    dose = DoseFactory(course=course)
    response = owner_client.post(
        reverse("dose_edit", args=[dose.pk]),
        {"amount_mg": "250", "taken_at": _local(dose.taken_at), "note": "fixed"},
    )
    assert response.status_code == 302
    dose.refresh_from_db()
    assert dose.amount_mg == 250 and dose.was_edited
    assert [h.amount_mg for h in dose.history.order_by("history_date")] == [350, 250]
    assert "edited" in owner_client.get(reverse("dose_history")).content.decode()


def test_a_bad_edit_changes_nothing(owner_client, course):
    dose = DoseFactory(course=course)
    response = owner_client.post(
        reverse("dose_edit", args=[dose.pk]),
        {"amount_mg": "-1", "taken_at": _local(dose.taken_at), "note": "x"},
    )
    assert response.status_code == 200
    dose.refresh_from_db()
    assert dose.amount_mg == 350 and not dose.was_edited


def test_deleting_asks_for_confirmation_first(owner_client, course):
    dose = DoseFactory(course=course)
    response = owner_client.get(reverse("dose_delete", args=[dose.pk]))
    assert "Delete this dose?" in response.content.decode()
    assert Dose.objects.exists()
    owner_client.post(reverse("dose_delete", args=[dose.pk]))
    assert not Dose.objects.exists()


def test_no_dose_can_be_logged_to_an_ended_course(owner_client, owner):
    ended = CourseFactory(owner=owner, status="finished", end_date=timezone.localdate())
    owner_client.post(reverse("dose_quick_log"), {"course": ended.pk, "token": str(uuid.uuid4())})
    owner_client.post(
        reverse("dose_create", args=[ended.pk]),
        {"amount_mg": "350", "taken_at": _local(timezone.now()), "token": str(uuid.uuid4())},
    )
    assert not Dose.objects.exists()


def test_the_form_shows_the_prescribed_amount_as_a_plain_number(owner_client, course):
    html = owner_client.get(reverse("dose_create", args=[course.pk])).content.decode()
    assert 'value="350"' in html and "E+" not in html


def test_a_dose_entered_before_a_recorded_one_says_what_it_does_to_that_dose(owner_client, course):
    # Entered afterwards (forgotten, or sent late from a phone that was offline): the dose at
    # 09:00 comes an hour after it, which nothing said when 09:00 was logged.
    nine = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    nine -= timedelta(days=1)
    DoseFactory(course=course, taken_at=nine)
    form = {"amount_mg": "350", "taken_at": _local(nine - timedelta(hours=1)), "note": ""}
    response = owner_client.post(
        reverse("dose_create", args=[course.pk]), {**form, "token": uuid.uuid4()}, follow=True
    )
    assert Dose.objects.count() == 2
    [said] = [m for m in _messages(response) if "With this dose" in m]
    assert said.startswith(
        f"Warning: With this dose, your dose at 09:00 on {nine:%a %d %b} breaks a rule it did "
        "not break before. That dose came 1 hour after the previous one"
    )


def test_moving_a_dose_to_just_before_another_says_what_it_does_to_that_dose(owner_client, course):
    nine = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    nine -= timedelta(days=1)
    DoseFactory(course=course, taken_at=nine)
    moved = DoseFactory(course=course, taken_at=nine - timedelta(hours=6))
    form = {"amount_mg": "350", "taken_at": _local(nine - timedelta(hours=2)), "note": ""}
    response = owner_client.post(reverse("dose_edit", args=[moved.pk]), form, follow=True)
    assert any("your dose at 09:00" in m and "2 hours after" in m for m in _messages(response))
