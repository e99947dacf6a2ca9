"""Every signed-in page asks for open urgent check-ins: without any, the question is cheap."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory
from tracker.models import CheckIn

pytestmark = pytest.mark.django_db


def _checkin_queries(client) -> list[str]:
    client.get(reverse("dose_history"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dose_history")).status_code == 200
    return [q["sql"] for q in captured.captured_queries if '"tracker_checkin"' in q["sql"]]


def test_without_an_urgent_checkin_the_banner_asks_one_query_with_no_join(owner_client):
    """Guards against reading the notices' course, drug and symptoms on every page."""
    queries = _checkin_queries(owner_client)
    assert len(queries) == 1
    assert "JOIN" not in queries[0].upper()


def test_the_question_in_sql_agrees_with_the_querysets_answer(owner, other_patient):
    """has_urgent_open is the SQL of urgent_open(user).exists(): the same answer for the
    owner's urgent, dismissed and plain check-ins, and never for another patient's."""
    course = CourseFactory(owner=owner)
    theirs = CourseFactory(owner=other_patient)

    def agree() -> bool:
        answer = CheckIn.objects.has_urgent_open(owner)
        assert answer == CheckIn.objects.urgent_open(owner).exists()
        return answer

    def check_in(course, **fields):
        fields = {"severity": "severe", "recorded_at": timezone.now()} | fields
        return CheckIn.objects.create(owner=course.owner, course=course, **fields)

    check_in(theirs, urgent=True)
    assert agree() is False
    check_in(course, urgent=False)
    assert agree() is False
    check_in(course, urgent=True, dismissed_at=timezone.now())
    assert agree() is False
    check_in(course, urgent=True)
    assert agree() is True
