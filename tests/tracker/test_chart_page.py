"""The dose chart as the course page draws it: dated axis, labelled limit, a table to read."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, DoseFactory

pytestmark = pytest.mark.django_db


def _course_page(client, course) -> str:
    return client.get(reverse("course_detail", args=[course.pk])).content.decode()


def test_the_chart_labels_its_days_and_the_limit(owner_client, owner):
    start = timezone.localdate() - timedelta(days=3)
    course = CourseFactory(owner=owner, start_date=start)
    DoseFactory(course=course)
    html = _course_page(owner_client, course)
    labels = re.findall(r'<text class="axis-label"[^>]*>([^<]+)</text>', html)
    assert labels == [f"{start + timedelta(days=n):%-d %b}" for n in range(4)]
    assert re.search(r'<line class="limit"[^>]*/>\s*<text class="limit-label"[^>]*>max 1400', html)


def test_the_table_alternative_says_which_days_are_over_the_limit(owner_client, owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=1))
    yesterday = timezone.localtime() - timedelta(days=1)
    for minutes in range(0, 50, 10):  # 5 × 350 = 1750 mg in one day
        DoseFactory(course=course, taken_at=yesterday.replace(hour=12, minute=minutes))
    html = _course_page(owner_client, course)
    table = html[html.index("Daily totals as a table") :]
    assert "<caption>Total taken each day, against the daily maximum of 1400 mg</caption>" in table
    assert "Above the daily maximum?" in table
    rows = re.findall(r"<tr( class=\"over\")?><th scope=\"row\">(\d+)</th>.*?</tr>", table)
    assert [(day, bool(over)) for over, day in rows] == [("1", True), ("2", False)]
    assert "<td>1750</td><td><strong>Yes</strong></td>" in table
    assert "days above it are marked" in html
