"""A prescription checked at the start and on every edit: warnings the patient confirms, kept on
the dashboard for the whole course; values no one could be prescribed refused; the same checks
on the JSON import."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import CourseFactory
from tests.tracker.test_courses import _start_data
from tracker.exports.json_export import export_user_data
from tracker.models import Course

pytestmark = pytest.mark.django_db


def _edit_data(course, **changes) -> dict:
    """Return the course edit form's fields as the course has them, with changes."""
    data = {
        "start_date": course.start_date.isoformat(),
        "mg_per_intake": str(course.mg_per_intake),
        "intakes_per_day": str(course.intakes_per_day),
        "prescriber": "",
        "reason": "",
        "tablets_dispensed": "",
        "tablet_mg": "",
        "planned_days": "",
        "notes": "",
    }
    return {**data, **changes}


def _prescription_findings(client):
    data = client.get(reverse("dashboard")).context["data"]
    return [f for f in data.panels[0].findings if f.code.startswith("prescription_")]


def test_a_labelled_prescription_starts_without_questions(owner_client, owner, carisoprodol):
    response = owner_client.post(reverse("course_start"), _start_data(carisoprodol))
    assert response.status_code == 302
    course = Course.objects.get()
    assert course.prescription_warnings == [] and course.prescription_confirmed_at is None
    assert _prescription_findings(owner_client) == []


def test_a_dose_above_the_label_needs_the_patients_confirmation(owner_client, owner, carisoprodol):
    data = _start_data(carisoprodol, mg_per_intake="500", intakes_per_day="4", planned_days="30")
    response = owner_client.post(reverse("course_start"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Course.objects.exists()
    assert "Check this prescription" in html
    assert "500 mg per intake is above the labelled single dose of 350 mg" in html
    assert "2,000 mg a day is above the daily maximum of 1,400 mg" in html
    assert "longer than the 21-day limit" in html
    assert "My prescriber wrote this" in html and "Nothing was saved yet" in html

    response = owner_client.post(reverse("course_start"), {**data, "prescription_confirmed": "on"})
    assert response.status_code == 302
    course = Course.objects.get()
    assert course.planned_days == 30 and course.prescription_confirmed_at is not None
    assert len(course.prescription_warnings) == 3

    shown = _prescription_findings(owner_client)
    assert {f.code for f in shown} == {
        "prescription_dose_above_label",
        "prescription_daily_above_max",
        "prescription_longer_than_limit",
    }
    assert all("You confirmed on" in f.message for f in shown)


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        (
            {"mg_per_intake": "3500", "intakes_per_day": "8"},
            "mg_per_intake",
            "no one is prescribed",
        ),
        ({"mg_per_intake": "1401", "intakes_per_day": "1"}, "mg_per_intake", "4 times"),
        ({"mg_per_intake": "701", "intakes_per_day": "8"}, "intakes_per_day", "5,608 mg a day"),
    ],
)
def test_a_prescription_no_one_could_be_given_is_refused_even_when_confirmed(
    owner_client, carisoprodol, changes, field, says
):
    data = _start_data(carisoprodol, prescription_confirmed="on", **changes)
    response = owner_client.post(reverse("course_start"), data)
    assert response.status_code == 200 and not Course.objects.exists()
    assert says in " ".join(response.context["form"].errors[field])


def test_an_edit_that_adds_a_warning_asks_again_and_one_that_keeps_it_does_not(owner_client, owner):
    course = CourseFactory(owner=owner)
    url = reverse("course_edit", args=[course.pk])
    data = _edit_data(course, intakes_per_day="6")
    response = owner_client.post(url, data)
    assert response.status_code == 200
    assert "6 intakes a day is more than the labelled 4" in response.content.decode()
    course.refresh_from_db()
    assert course.intakes_per_day != 6

    assert owner_client.post(url, {**data, "prescription_confirmed": "on"}).status_code == 302
    course.refresh_from_db()
    confirmed_at = course.prescription_confirmed_at
    assert course.intakes_per_day == 6 and confirmed_at is not None

    # A note changes; the confirmed warnings stay as they were, with no new question.
    assert owner_client.post(url, {**data, "notes": "spoke to Dr Who"}).status_code == 302
    course.refresh_from_db()
    assert course.prescription_confirmed_at == confirmed_at

    # Back within the label: nothing left to confirm.
    assert owner_client.post(url, {**data, "intakes_per_day": "4"}).status_code == 302
    course.refresh_from_db()
    assert course.prescription_warnings == [] and course.prescription_confirmed_at is None


def _import(client, export):
    upload = SimpleUploadedFile("export.json", json.dumps(export).encode(), "application/json")
    return client.post(reverse("import_json"), {"file": upload})


def test_the_import_refuses_what_the_form_refuses(owner_client, owner, other_patient):
    CourseFactory(owner=other_patient, mg_per_intake=350)
    export = export_user_data(other_patient)
    export["courses"][0]["mg_per_intake"] = "3500"
    export["courses"][0]["intakes_per_day"] = 8
    response = _import(owner_client, export)
    assert response.status_code == 200
    assert "no one is prescribed that" in " ".join(response.context["form"].errors["file"])
    assert not Course.objects.filter(owner=owner).exists()


def test_an_export_keeps_the_confirmed_warnings_and_an_older_file_still_imports(
    owner_client, owner, other_patient, carisoprodol
):
    course = CourseFactory(
        owner=other_patient,
        mg_per_intake=500,
        planned_days=10,
        prescription_warnings=["500 mg per intake is above the labelled single dose of 350 mg."],
    )
    export = export_user_data(other_patient)
    assert export["courses"][0]["planned_days"] == 10
    assert export["courses"][0]["prescription_warnings"] == course.prescription_warnings
    assert _import(owner_client, export).status_code == 302
    imported = Course.objects.get(owner=owner)
    assert imported.prescription_warnings == course.prescription_warnings
    assert imported.planned_days == 10

    imported.delete()
    for key in ("planned_days", "prescription_warnings", "prescription_confirmed_at"):
        del export["courses"][0][key]  # a file exported before these fields existed
    assert _import(owner_client, export).status_code == 302
    assert Course.objects.get(owner=owner).prescription_warnings == []


def test_a_course_stored_before_the_checks_can_still_be_ended_and_noted(owner_client, owner):
    from django.utils import timezone

    course = CourseFactory(owner=owner, mg_per_intake=3500, intakes_per_day=8)
    end = owner_client.post(
        reverse("course_end", args=[course.pk]),
        {"status": "stopped", "end_date": timezone.localdate().isoformat()},
    )
    assert end.status_code == 302
    notes = owner_client.post(reverse("course_edit", args=[course.pk]), {"notes": "stopped"})
    assert notes.status_code == 302
    course.refresh_from_db()
    assert (course.status, course.notes) == ("stopped", "stopped")


def test_an_ended_course_in_a_file_is_history_and_imports(owner_client, owner, other_patient):
    from django.utils import timezone

    CourseFactory(
        owner=other_patient,
        mg_per_intake=3500,
        intakes_per_day=8,
        status="stopped",
        end_date=timezone.localdate(),
    )
    assert _import(owner_client, export_user_data(other_patient)).status_code == 302
    assert Course.objects.get(owner=owner).mg_per_intake == 3500


def test_ticking_the_box_on_an_imported_unconfirmed_prescription_records_it(owner_client, owner):
    course = CourseFactory(
        owner=owner,
        intakes_per_day=6,
        prescription_warnings=["6 intakes a day is more than the labelled 4."],
    )
    data = _edit_data(course, intakes_per_day="6", prescription_confirmed="on")
    assert owner_client.post(reverse("course_edit", args=[course.pk]), data).status_code == 302
    course.refresh_from_db()
    assert course.prescription_confirmed_at is not None
