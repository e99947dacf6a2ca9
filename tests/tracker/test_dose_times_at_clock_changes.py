"""Doses logged in the hour the clocks go back (it happens twice) and in the hour they skip
going forward (it never happens), in Los Angeles: 1 Nov 2026 01:00–01:59 twice, 8 Mar 2026
02:00–02:59 never."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from tests.factories import CourseFactory, UserFactory
from tracker.models import Dose

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient(client):
    user = UserFactory(time_zone="America/Los_Angeles")
    client.force_login(user)
    return user


def _log(client, course, local_time):
    with time_machine.travel(datetime(2026, 11, 2, 18, 0, tzinfo=UTC), tick=False):
        client.force_login(course.owner)
        return client.post(
            reverse("dose_create", args=[course.pk]),
            {
                "amount_mg": "350",
                "taken_at": local_time,
                "note": "",
                "token": "2c4a7f1e-0000-4000-8000-000000000001",
            },
        )


def test_a_dose_in_the_hour_that_happens_twice_is_recorded_at_its_first_occurrence(client, patient):
    course = CourseFactory(owner=patient, start_date=date(2026, 10, 23))
    response = _log(client, course, "2026-11-01T01:30")
    assert response.status_code == 302, response.content.decode()[:2000]
    # 01:30 PDT (UTC-7), the first of the two: 08:30 UTC.
    assert Dose.objects.get().taken_at == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)


def test_a_dose_in_the_skipped_hour_is_refused_with_a_message_and_nothing_recorded(client, patient):
    course = CourseFactory(owner=patient, start_date=date(2026, 3, 1))
    response = _log(client, course, "2026-03-08T02:30")
    assert response.status_code == 200
    page = response.content.decode()
    assert "did not happen where you are: the clocks went forward" in page
    assert "perhaps 03:30" in page
    assert "ambiguous" not in page
    assert not Dose.objects.exists()
