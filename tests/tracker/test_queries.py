"""Pages that list things run a bounded number of queries, whatever the history's length."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, DoseFactory

pytestmark = pytest.mark.django_db


def _long_history(owner, days=40, per_day=4):
    course = CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=days))
    now = timezone.now()
    for day in range(days):
        for slot in range(per_day):
            DoseFactory(course=course, taken_at=now - timedelta(days=day, hours=slot * 4 + 1))
    for old in range(3):
        CourseFactory(
            owner=owner,
            status="finished",
            start_date=timezone.localdate() - timedelta(days=200 + old * 30),
            end_date=timezone.localdate() - timedelta(days=190 + old * 30),
        )
    return course


@pytest.mark.parametrize("url_name", ["dashboard", "dose_history", "course_list"])
def test_pages_run_the_same_few_queries_for_a_short_and_a_long_history(
    owner_client, owner, django_assert_max_num_queries, django_assert_num_queries, url_name
):
    # Guards N+1s: doses per course on the dashboard, doses per day on the history,
    # drugs per course on the course list.
    DoseFactory(course=CourseFactory(owner=owner))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    owner_client.get(reverse(url_name))  # the first request stores the time zone in the session
    with CaptureQueriesContext(connection) as short:
        owner_client.get(reverse(url_name))
    short_count = len(short.captured_queries)  # read now: the next request empties the log
    owner.courses.all().delete()
    _long_history(owner)
    owner_client.get(reverse(url_name))  # warm, like the short one
    with django_assert_num_queries(short_count):
        owner_client.get(reverse(url_name))
    cache.clear()  # the cold path must fit the budget too
    with django_assert_max_num_queries(15):  # the performance budget of a page
        owner_client.get(reverse(url_name))
