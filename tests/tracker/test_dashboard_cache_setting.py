"""DASHBOARD_CACHE off: every dashboard load builds its data, as the first load after a change."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, DoseFactory
from tracker.models import Dose

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(owner):
    return CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=2))


def _dose_behind_the_cache(course):
    """Write a dose past the services: the owner's data version does not move, so only a
    dashboard built on this load can show it."""
    Dose.objects.create(course=course, taken_at=timezone.now(), amount_mg=350)


def _load(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


@override_settings(DASHBOARD_CACHE=False)
def test_with_the_cache_off_each_load_builds_the_data(midday, owner_client, course):
    DoseFactory(course=course)
    _load(owner_client)  # the first load also fills caches of reference data: not counted
    first, first_queries = _load(owner_client)
    _dose_behind_the_cache(course)
    second, second_queries = _load(owner_client)
    assert "1 of 4 doses" in first
    assert "2 of 4 doses" in second
    assert second_queries == first_queries  # no cached shortcut: the whole build again


def test_with_the_cache_on_the_same_loads_are_answered_from_the_cache(midday, owner_client, course):
    """The control: the write above is invisible to a cached dashboard, so the test above
    would fail if the setting did not bypass the cache."""
    DoseFactory(course=course)
    _load(owner_client)
    _dose_behind_the_cache(course)
    second, _ = _load(owner_client)
    assert "1 of 4 doses" in second


def test_with_the_cache_off_a_load_builds_the_data_once(midday, owner_client, course):
    """The page's clock and its rendering read the same build: no second build on one load."""
    DoseFactory(course=course)
    _load(owner_client)  # fills caches of reference data
    owner_client.get(reverse("ping"))
    with CaptureQueriesContext(connection) as floor:
        owner_client.get(reverse("ping"))
    floor_count = len(floor.captured_queries)
    with override_settings(DASHBOARD_CACHE=False):
        _, uncached = _load(owner_client)
    _dose_behind_the_cache(course)  # nothing moves the version: the cache has no entry yet
    owner_client.get(reverse("ping"))
    from django.core.cache import cache

    cache.clear()
    _, first_build = _load(owner_client)  # the cache on, nothing kept: one build
    assert uncached == first_build
    # Beyond the floor: the versions and the build, whose courses are read once.
    assert uncached - floor_count < 2 * (first_build - floor_count)
    with override_settings(DASHBOARD_CACHE=False), CaptureQueriesContext(connection) as seen:
        owner_client.get(reverse("dashboard"))
    course_reads = [q for q in seen.captured_queries if 'FROM "tracker_course"' in q["sql"]]
    assert len(course_reads) == 1  # the active courses and the lately ended, together
