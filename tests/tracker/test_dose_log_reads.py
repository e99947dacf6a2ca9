"""Logging a dose reads a fixed number of rows and queries, however long the course is."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CourseFactory, DoseFactory
from tracker.services.doses import dose_log

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def _log_counting_queries(course, taken_at):
    with CaptureQueriesContext(connection) as captured:
        saved = dose_log(
            course=course, taken_at=taken_at, amount_mg=Decimal("350"), token=uuid.uuid4()
        )
    return saved, len(captured.captured_queries)


@time_machine.travel(NOON, tick=False)
def test_a_long_course_costs_the_same_queries_as_a_short_one(owner, other_patient):
    """Guards against a query per earlier dose of the course (a deferred field read per row)."""
    short = CourseFactory(owner=owner, start_date=NOON.date() - timedelta(days=1))
    DoseFactory(course=short, taken_at=NOON - timedelta(hours=20))
    _, few = _log_counting_queries(short, NOON)
    long = CourseFactory(owner=other_patient, start_date=NOON.date() - timedelta(days=20))
    for hours in [*range(1, 24, 2), *range(24, 20 * 24, 6)]:  # twelve within the 24 hours
        DoseFactory(course=long, taken_at=NOON - timedelta(hours=hours))
    _, many = _log_counting_queries(long, NOON)
    assert many == few


@time_machine.travel(NOON, tick=False)
def test_the_doses_of_the_24_hours_before_still_count(owner):
    """Four doses yesterday afternoon and one now make 1,750 mg within 24 hours."""
    course = CourseFactory(owner=owner, start_date=NOON.date() - timedelta(days=3))
    for minutes in (23 * 60 + 30, 23 * 60, 22 * 60 + 30, 22 * 60, 70 * 60):
        DoseFactory(course=course, taken_at=NOON - timedelta(minutes=minutes))
    saved, _ = _log_counting_queries(course, NOON - timedelta(hours=1))
    assert "rolling_total_above_max" in {f.code for f in saved.findings}


@time_machine.travel(NOON, tick=False)
def test_doses_logged_later_the_same_day_still_count(owner):
    """A dose entered afterwards for 08:00 joins the four taken since 11:00: 1,750 mg that day."""
    course = CourseFactory(owner=owner, start_date=NOON.date() - timedelta(days=3))
    for minutes in (60, 50, 40, 30):
        DoseFactory(course=course, taken_at=NOON - timedelta(minutes=minutes))
    saved, _ = _log_counting_queries(course, NOON - timedelta(hours=4))
    assert "daily_total_above_max" in {f.code for f in saved.findings}
