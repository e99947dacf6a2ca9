"""Logging a dose reads a fixed number of rows and queries, however long the course is."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CourseFactory, DoseFactory
from tracker.models import TaperPlan, TaperStep
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


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize("with_plan", [False, True])
def test_the_form_reads_the_course_with_its_taper_plan_in_one_query(owner, owner_client, with_plan):
    course = CourseFactory(owner=owner, start_date=NOON.date() - timedelta(days=3))
    if with_plan:
        plan = TaperPlan.objects.create(course=course)
        TaperStep.objects.create(
            plan=plan, start_date=NOON.date(), mg_per_intake=250, intakes_per_day=2
        )
    form = {"amount_mg": "350", "taken_at": "2026-03-20T11:00", "note": "", "token": uuid.uuid4()}
    with CaptureQueriesContext(connection) as captured:
        response = owner_client.post(reverse("dose_create", args=[course.pk]), form)
    assert response.status_code == 302 and course.doses.count() == 1
    plan_reads = [q for q in captured.captured_queries if 'FROM "tracker_taperplan"' in q["sql"]]
    step_reads = [q for q in captured.captured_queries if 'FROM "tracker_taperstep"' in q["sql"]]
    assert plan_reads == [] and len(step_reads) == (1 if with_plan else 0)
