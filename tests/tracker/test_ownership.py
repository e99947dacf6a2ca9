"""Privacy: another user's course or dose answers 404 and nothing changes; anonymous → login."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, DoseFactory
from tests.pages import shown_items
from tracker.models import Course, Dose

pytestmark = pytest.mark.django_db


@pytest.fixture
def others_dose(other_patient):
    course = CourseFactory(owner=other_patient, start_date=timezone.localdate() - timedelta(days=1))
    return DoseFactory(course=course, note="private")


def _snapshot():
    return (
        list(Course.objects.order_by("pk").values()),
        list(Dose.objects.order_by("pk").values()),
    )


def _urls(dose):
    course = dose.course
    return [
        ("get", reverse("course_detail", args=[course.pk]), {}),
        ("get", reverse("course_edit", args=[course.pk]), {}),
        (
            "post",
            reverse("course_edit", args=[course.pk]),
            {"notes": "hacked", "mg_per_intake": "1"},
        ),
        ("get", reverse("course_end", args=[course.pk]), {}),
        (
            "post",
            reverse("course_end", args=[course.pk]),
            {"status": "stopped", "end_date": timezone.localdate().isoformat()},
        ),
        ("get", reverse("dose_create", args=[course.pk]), {}),
        (
            "post",
            reverse("dose_create", args=[course.pk]),
            {"amount_mg": "1", "taken_at": "2026-01-01T10:00", "token": str(uuid.uuid4())},
        ),
        ("post", reverse("dose_quick_log"), {"course": course.pk, "token": str(uuid.uuid4())}),
        ("get", reverse("dose_edit", args=[dose.pk]), {}),
        (
            "post",
            reverse("dose_edit", args=[dose.pk]),
            {"amount_mg": "1", "taken_at": "2026-01-01T10:00"},
        ),
        ("get", reverse("dose_delete", args=[dose.pk]), {}),
        ("post", reverse("dose_delete", args=[dose.pk]), {}),
        ("get", reverse("dose_history") + f"?course={course.pk}", {}),
    ]


def test_another_users_objects_answer_404_and_nothing_changes(owner_client, others_dose):
    before = _snapshot()
    for method, url, data in _urls(others_dose):
        response = getattr(owner_client, method)(url, data)
        assert response.status_code == 404, (method, url)
    assert _snapshot() == before


def test_another_users_doses_never_appear_in_my_pages(owner_client, owner, others_dose):
    CourseFactory(owner=owner)
    for url in [reverse("dashboard"), reverse("dose_history"), reverse("course_list")]:
        response = owner_client.get(url)
        assert "private" not in response.content.decode()
    courses = owner_client.get(reverse("course_list")).context["courses"]
    assert {c.owner_id for c in courses} == {owner.pk}
    panels = shown_items(owner_client.get(reverse("dashboard")))
    assert {p.course.pk for p, *_ in panels} == set(owner.courses.values_list("pk", flat=True))


def test_an_anonymous_visitor_is_sent_to_log_in(client, others_dose):
    for method, url, data in _urls(others_dose) + [
        ("get", reverse("dashboard"), {}),
        ("get", reverse("course_list"), {}),
        ("get", reverse("course_start"), {}),
        ("get", reverse("settings"), {}),
    ]:
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_a_posted_owner_field_is_ignored(owner_client, owner, other_patient, carisoprodol):
    owner_client.post(
        reverse("course_start"),
        {
            "owner": other_patient.pk,
            "drug": carisoprodol.pk,
            "start_date": timezone.localdate().isoformat(),
            "mg_per_intake": "350",
            "intakes_per_day": "4",
            "contraindicated": "no",
        },
    )
    assert Course.objects.get().owner == owner
