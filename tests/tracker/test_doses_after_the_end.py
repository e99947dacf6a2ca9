"""No dose after a course's end: not by ending the course before its last dose, not by editing
or logging a dose past the end, not through the import. The summary's daily table and the
dose list would disagree otherwise."""

import json
from datetime import datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, DoseFactory
from tracker.exports.json_export import export_user_data
from tracker.models import Course, Dose

pytestmark = pytest.mark.django_db


def _at(day, hour=10):
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def course(owner):
    return CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=6))


def test_ending_a_course_before_its_last_dose_is_refused_and_nothing_changes(owner_client, course):
    last = DoseFactory(course=course, taken_at=_at(timezone.localdate() - timedelta(days=1)))
    response = owner_client.post(
        reverse("course_end", args=[course.pk]),
        {"status": "finished", "end_date": (timezone.localdate() - timedelta(days=2)).isoformat()},
    )
    assert response.status_code == 200
    assert "A dose is logged after that date" in response.content.decode()
    course.refresh_from_db()
    assert course.is_active and course.end_date is None
    day = timezone.localtime(last.taken_at).date().isoformat()
    ended = owner_client.post(
        reverse("course_end", args=[course.pk]), {"status": "finished", "end_date": day}
    )
    assert ended.status_code == 302


def test_a_dose_cannot_be_moved_past_the_end(owner_client, course):
    end = timezone.localdate() - timedelta(days=2)
    dose = DoseFactory(course=course, taken_at=_at(end - timedelta(days=1)))
    Course.objects.filter(pk=course.pk).update(status="finished", end_date=end)
    response = owner_client.post(
        reverse("dose_edit", args=[dose.pk]),
        {
            "amount_mg": "350",
            "taken_at": _at(end + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "note": "",
        },
    )
    assert response.status_code == 200
    assert "after the course ended" in response.content.decode()
    dose.refresh_from_db()
    assert timezone.localtime(dose.taken_at).date() == end - timedelta(days=1)


def test_the_import_refuses_a_dose_after_its_course_ended(owner_client, owner, other_patient):
    end = timezone.localdate() - timedelta(days=2)
    source = CourseFactory(
        owner=other_patient,
        start_date=end - timedelta(days=5),
        status="finished",
        end_date=end,
    )
    DoseFactory(course=source, taken_at=_at(end - timedelta(days=1)))
    export = export_user_data(other_patient)
    export["courses"][0]["doses"][0]["taken_at"] = _at(end + timedelta(days=1)).isoformat()
    upload = SimpleUploadedFile("export.json", json.dumps(export).encode(), "application/json")
    response = owner_client.post(reverse("import_json"), {"file": upload})
    assert response.status_code == 200
    assert "after the course ended" in " ".join(response.context["form"].errors["file"])
    assert not Dose.objects.filter(course__owner=owner).exists()


@pytest.mark.parametrize(
    "taken, refused",
    [("2026-05-10T23:30:00+02:00", False), ("2026-05-11T00:30:00+02:00", True)],
)
def test_the_rule_counts_the_end_day_in_the_patients_zone(taken, refused):
    """The end day is a local day: 00:30 in Paris on the 11th is after a course ended on the
    10th, though it is still the 10th in UTC."""
    from datetime import date
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from tracker.rules.dose_input import dose_input_errors

    errors = dose_input_errors(
        amount_mg=Decimal("350"),
        taken_at=datetime.fromisoformat(taken),
        now=datetime.fromisoformat("2026-06-01T12:00:00+02:00"),
        course_start=date(2026, 5, 1),
        zone=ZoneInfo("Europe/Paris"),
        dose_max_mg=Decimal("350"),
        course_end=date(2026, 5, 10),
    )
    assert ("taken_at" in errors) is refused
