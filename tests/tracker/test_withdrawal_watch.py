"""The dashboard in the days after a longer course ended without a taper: the withdrawal signs
to watch for, from the drug's reference data, and a way to record how the patient feels."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory
from tracker.models import TaperPlan

pytestmark = pytest.mark.django_db


def _ended(owner, days_ago: int, length: int, **extra):
    today = timezone.localdate()
    end = today - timedelta(days=days_ago)
    return CourseFactory(
        owner=owner,
        start_date=end - timedelta(days=length - 1),
        status="stopped",
        end_date=end,
        **extra,
    )


def _dashboard(client) -> str:
    return client.get(reverse("dashboard")).content.decode()


def test_a_longer_course_stopped_yesterday_shows_what_to_watch_for(owner_client, owner):
    course = _ended(owner, days_ago=1, length=20)
    page = _dashboard(owner_client)
    assert "Carisoprodol: after stopping" in page
    assert "after 20 days without a taper" in page
    assert "insomnia" in page.lower()
    assert reverse("checkin_create", args=[course.pk]) in page


@pytest.mark.parametrize(
    "days_ago, length, tapered",
    [(3, 20, False), (1, 7, False), (1, 20, True)],
    ids=["past the watch", "short course", "tapered"],
)
def test_nothing_to_watch_for(owner_client, owner, days_ago, length, tapered):
    course = _ended(owner, days_ago=days_ago, length=length)
    if tapered:
        TaperPlan.objects.create(course=course)
    assert "after stopping" not in _dashboard(owner_client)


def test_another_patients_stopped_course_is_never_shown(owner_client, other_patient):
    _ended(other_patient, days_ago=1, length=20)
    assert "after stopping" not in _dashboard(owner_client)


def test_a_new_course_beside_one_stopped_yesterday_shows_both(owner_client, owner):
    # The dashboard reads both kinds in one query and parts them: each goes to its own place.
    stopped = _ended(owner, days_ago=1, length=20)
    active = CourseFactory(owner=owner, start_date=timezone.localdate())
    page = _dashboard(owner_client)
    assert "Carisoprodol: after stopping" in page
    assert reverse("checkin_create", args=[stopped.pk]) in page
    assert reverse("dose_create", args=[active.pk]) in page
    assert reverse("dose_create", args=[stopped.pk]) not in page
