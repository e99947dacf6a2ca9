"""Dose history: grouped by local day, day totals, newest first, paginated."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.factories import CourseFactory, DoseFactory, UserFactory
from tracker.pages.history import DAYS_PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def paris_user(client):
    user = UserFactory(time_zone="Europe/Paris")
    client.force_login(user)
    return user


def test_doses_are_grouped_by_local_day_with_totals_newest_first(client, paris_user):
    tz = ZoneInfo("Europe/Paris")
    course = CourseFactory(owner=paris_user, start_date=date(2026, 6, 1))
    DoseFactory(course=course, taken_at=datetime(2026, 6, 1, 8, 0, tzinfo=tz))
    DoseFactory(course=course, taken_at=datetime(2026, 6, 1, 23, 30, tzinfo=tz))  # 21:30 UTC
    DoseFactory(course=course, taken_at=datetime(2026, 6, 2, 0, 30, tzinfo=tz))  # 22:30 UTC, 1 June
    page = client.get(reverse("dose_history")).context["page"]
    groups = list(page)
    assert [g.day for g in groups] == [date(2026, 6, 2), date(2026, 6, 1)]
    assert [g.total_mg for g in groups] == [350, 700]
    assert [len(g.doses) for g in groups] == [1, 2]
    assert groups[1].doses[0].taken_at > groups[1].doses[1].taken_at


def test_a_day_above_the_maximum_is_marked(client, paris_user):
    tz = ZoneInfo("Europe/Paris")
    course = CourseFactory(owner=paris_user, start_date=date(2026, 6, 1))
    for hour in range(8, 13):
        DoseFactory(course=course, taken_at=datetime(2026, 6, 1, hour, tzinfo=tz))
    html = client.get(reverse("dose_history")).content.decode()
    assert "above the daily maximum" in html and "1750 mg" in html


def test_the_history_pages_by_day_and_totals_cover_the_whole_day(client, paris_user):
    tz = ZoneInfo("Europe/Paris")
    course = CourseFactory(owner=paris_user, start_date=date(2026, 1, 1))
    for day in range(DAYS_PER_PAGE + 3):
        for hour in (8, 14):
            DoseFactory(
                course=course, taken_at=datetime(2026, 1, 1, hour, tzinfo=tz) + timedelta(days=day)
            )
    first = client.get(reverse("dose_history")).context["page"]
    second = client.get(reverse("dose_history"), {"page": 2}).context["page"]
    assert len(first.object_list) == DAYS_PER_PAGE
    assert len(second.object_list) == 3
    assert all(g.total_mg == 700 and len(g.doses) == 2 for g in [*first, *second])


def test_the_history_can_show_one_course(client, paris_user):
    first = CourseFactory(
        owner=paris_user, status="finished", end_date=date(2026, 1, 5), start_date=date(2026, 1, 1)
    )
    second = CourseFactory(owner=paris_user, start_date=date(2026, 2, 1))
    DoseFactory(course=first, taken_at=datetime(2026, 1, 2, 9, tzinfo=ZoneInfo("UTC")))
    DoseFactory(course=second, taken_at=datetime(2026, 2, 2, 9, tzinfo=ZoneInfo("UTC")))
    page = client.get(reverse("dose_history"), {"course": first.pk}).context["page"]
    assert [g.course_id for g in page] == [first.pk]
