"""A course is taken on a schedule or as needed: chosen on the start and edit forms, kept by the
JSON export and import, said in FHIR (asNeededBoolean), and no planned dose times as needed."""

import json
import re
from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from icalendar import Calendar

from tests.factories import CourseFactory, DoseFactory, UserFactory
from tracker.exports.json_export import export_user_data
from tracker.models import Course, DoseSchedule, Profile
from tracker.services.imports import account_import

pytestmark = pytest.mark.django_db


def _start_data(carisoprodol, **changes):
    data = {
        "drug": carisoprodol.pk,
        "dose_schedule": "as_needed",
        "start_date": timezone.localdate().isoformat(),
        "mg_per_intake": "350",
        "intakes_per_day": "3",
        "prescriber": "",
        "reason": "",
        "tablets_dispensed": "",
        "tablet_mg": "",
        "contraindicated": "no",
        "cautions": [],
    }
    return {**data, **changes}


def test_the_start_form_offers_the_mode_as_a_radio_choice_scheduled_first(owner_client):
    html = owner_client.get(reverse("course_start")).content.decode()
    assert re.search(r'type="radio"[^>]*name="dose_schedule" value="scheduled"[^>]*checked', html)
    assert re.search(r'type="radio"[^>]*name="dose_schedule" value="as_needed"', html)
    assert "As needed (PRN)" in html


def test_a_course_started_as_needed_is_saved_as_needed(owner_client, owner, carisoprodol):
    response = owner_client.post(reverse("course_start"), _start_data(carisoprodol))
    assert response.status_code == 302
    course = Course.objects.get(owner=owner)
    assert course.dose_schedule == DoseSchedule.AS_NEEDED and not course.is_scheduled


def test_an_unknown_mode_is_refused_on_the_form_and_nothing_is_saved(
    owner_client, owner, carisoprodol
):
    response = owner_client.post(
        reverse("course_start"), _start_data(carisoprodol, dose_schedule="weekly")
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Course.objects.filter(owner=owner).exists()


def test_a_form_sent_without_the_mode_keeps_the_course_scheduled(owner_client, owner, carisoprodol):
    data = _start_data(carisoprodol)
    del data["dose_schedule"]
    owner_client.post(reverse("course_start"), data)
    assert Course.objects.get(owner=owner).is_scheduled


def test_the_edit_form_changes_the_mode(owner_client, owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate())
    data = {
        "dose_schedule": "as_needed",
        "start_date": course.start_date.isoformat(),
        "mg_per_intake": "350",
        "intakes_per_day": "4",
        "prescriber": "",
        "reason": "",
        "tablets_dispensed": "",
        "tablet_mg": "",
        "planned_days": "",
        "notes": "",
    }
    response = owner_client.post(reverse("course_edit", args=[course.pk]), data)
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.dose_schedule == "as_needed"


def test_the_service_refuses_an_unknown_mode():
    course = CourseFactory(start_date=timezone.localdate())
    course.dose_schedule = "sometimes"
    with pytest.raises(ValidationError):
        course.full_clean()


def _exported(owner, schedule):
    course = CourseFactory(owner=owner, dose_schedule=schedule, start_date=timezone.localdate())
    DoseFactory(course=course)
    return export_user_data(owner)


@pytest.mark.parametrize("schedule", ["scheduled", "as_needed"])
def test_the_mode_goes_out_in_the_export_and_comes_back_in_an_import(owner, schedule):
    data = _exported(owner, schedule)
    assert data["courses"][0]["dose_schedule"] == schedule
    newcomer = UserFactory(username="newcomer")
    account_import(user=newcomer, data=json.loads(json.dumps(data)))
    assert Course.objects.get(owner=newcomer).dose_schedule == schedule


def test_an_older_export_without_the_mode_imports_as_scheduled(owner):
    data = _exported(owner, "as_needed")
    del data["courses"][0]["dose_schedule"]
    newcomer = UserFactory(username="newcomer")
    account_import(user=newcomer, data=data)
    assert Course.objects.get(owner=newcomer).is_scheduled


@pytest.mark.parametrize("bad", ["weekly", "", 3, None])
def test_an_import_with_a_bad_mode_is_refused_and_imports_nothing(owner, bad):
    data = _exported(owner, "scheduled")
    data["courses"][0]["dose_schedule"] = bad
    newcomer = UserFactory(username="newcomer")
    with pytest.raises(ValidationError) as refused:
        account_import(user=newcomer, data=data)
    assert "dose_schedule" in " ".join(refused.value.messages)
    assert not Course.objects.filter(owner=newcomer).exists()


def _fhir_course(client, course):
    data = json.loads(client.get(reverse("export_fhir")).content)
    Bundle.model_validate(data)
    return next(
        e["resource"] for e in data["entry"] if e["resource"]["id"] == f"course-{course.pk}"
    )


def test_fhir_says_as_needed_with_the_ceiling_and_no_timing(owner_client, owner):
    course = CourseFactory(owner=owner, dose_schedule="as_needed", intakes_per_day=3)
    dosage = _fhir_course(owner_client, course)["dosage"][0]
    assert dosage["asNeededBoolean"] is True
    assert dosage["maxDosePerPeriod"]["numerator"]["value"] == 3
    assert dosage["maxDosePerPeriod"]["denominator"]["code"] == "d"
    assert "timing" not in dosage
    assert dosage["text"] == "350 mg as needed, at most 3 times a day"


def test_fhir_says_a_scheduled_course_is_not_as_needed(owner_client, owner):
    course = CourseFactory(owner=owner)
    dosage = _fhir_course(owner_client, course)["dosage"][0]
    assert dosage["asNeededBoolean"] is False
    assert dosage["timing"]["repeat"]["frequency"] == 4


@pytest.mark.parametrize(("schedule", "dose_events"), [("scheduled", 4), ("as_needed", 0)])
def test_the_calendar_has_planned_dose_times_only_for_a_scheduled_course(
    client, schedule, dose_events
):
    user = UserFactory(time_zone="UTC")
    Profile.objects.filter(user=user).update(dose_times=["08:00", "20:00"])
    client.force_login(user)
    with time_machine.travel(datetime(2026, 5, 10, 9, 0), tick=False):
        client.post(reverse("calendar_token_new"))
        CourseFactory(owner=user, dose_schedule=schedule, start_date=timezone.localdate())
        token = Profile.objects.get(user=user).calendar_token
        client.logout()
        feed = Calendar.from_ical(client.get(reverse("calendar_feed", args=[token])).content)
    summaries = [str(e["summary"]) for e in feed.walk("VEVENT")]
    assert any("limit" in s for s in summaries)  # the milestones are there either way
    doses = [s for s in summaries if s.endswith(" mg")]
    assert len(doses[:4]) == dose_events
