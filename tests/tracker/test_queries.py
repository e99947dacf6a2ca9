"""Pages build with a fixed number of queries, whatever the history's length.

Each page is built from nothing (the cache cleared before every measured request), so the
count is the real work a patient pays for after any change, not a cache hit.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from drugs.models import Drug
from drugs.reference_memo import forget_kept
from tests.factories import (
    CoMedicationFactory,
    CourseFactory,
    DoseFactory,
    DrugAliasFactory,
    DrugClassFactory,
    DrugFactory,
    InteractionFactory,
)

pytestmark = pytest.mark.django_db

# What each page must not do once per row.
GUARDS = {
    "dashboard": "a query per dose, per co-medication's drug, or per interaction rule",
    "dose_history": "a query per day group or per dose's course",
    "course_list": "a query per course's drug",
    "comedication_list": "a query per co-medication's drug or classes, or per past overlap",
}


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
    for name in ["Xanax", "Prilosec", "Norco", "Unknown herb", "Ambien"]:
        CoMedicationFactory(owner=owner, name=name, start_date=course.start_date)
    # Stopped, taken with each of the old courses: a past overlap line for each.
    CoMedicationFactory(
        owner=owner,
        name="Valium",
        start_date=timezone.localdate() - timedelta(days=260),
        stop_date=timezone.localdate() - timedelta(days=150),
    )
    return course


def _cold_count(client, url) -> int:
    cache.clear()
    forget_kept()  # the reference data kept per version too: nothing kept at all
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url_name", list(GUARDS))
def test_pages_built_from_nothing_run_the_same_few_queries_for_a_short_and_a_long_history(
    owner_client, owner, url_name
):
    """Guards against the N+1 named in GUARDS for this page."""
    DoseFactory(course=CourseFactory(owner=owner))
    CoMedicationFactory(owner=owner, name="Xanax")
    owner_client.get(reverse("ping"))  # the session keeps the time zone from here on
    short = _cold_count(owner_client, reverse(url_name))
    owner.courses.all().delete()
    owner.comedications.all().delete()
    _long_history(owner)
    assert _cold_count(owner_client, reverse(url_name)) == short, GUARDS[url_name]
    assert short <= 15  # the performance budget of a page


def test_the_drug_page_runs_a_fixed_number_of_queries_built_from_nothing(client):
    """Guards against a query per interaction rule, alias or class on the drug page."""
    url = reverse("drugs:detail", args=["carisoprodol"])
    before = _cold_count(client, url)
    carisoprodol = Drug.objects.get(slug="carisoprodol")
    for _ in range(12):
        other = DrugFactory()
        other.classes.add(DrugClassFactory())
        DrugAliasFactory(drug=other)
        InteractionFactory(drug_a=carisoprodol, drug_b=other)
    assert _cold_count(client, url) == before
    assert before <= 15


def _history_with_problems(owner, days: int):
    """A course with four doses a day, one of them too soon, and a taper plan; and a second
    course the same days, so the page has two courses to judge."""
    from tracker.models import TaperPlan, TaperStep

    today = timezone.localdate()
    courses = [
        CourseFactory(owner=owner, start_date=today - timedelta(days=days)),
        CourseFactory(
            owner=owner,
            drug=DrugFactory(max_daily_mg=100, min_hours_between=6),
            start_date=today - timedelta(days=days),
        ),
    ]
    plan = TaperPlan.objects.create(course=courses[0])
    TaperStep.objects.create(plan=plan, start_date=today, mg_per_intake=350, intakes_per_day=2)
    now = timezone.now()
    for course in courses:
        for day in range(days):
            for hours in (1, 2, 9, 15):
                DoseFactory(course=course, taken_at=now - timedelta(days=day, hours=hours))


def test_the_first_page_of_history_reads_the_same_queries_and_doses_however_long_the_history(
    owner_client, owner
):
    """Guards against a query per course or taper plan to judge the doses, and against reading
    every dose of a course to find the ones before the page's first day."""
    from unittest import mock

    from tracker.pages import history

    owner_client.get(reverse("ping"))
    counts = []
    for days in (20, 60):
        owner.courses.all().delete()
        _history_with_problems(owner, days)
        with mock.patch.object(history, "dose_fact", wraps=history.dose_fact) as read:
            queries = _cold_count(owner_client, reverse("dose_history"))
            html = owner_client.get(reverse("dose_history")).content.decode()
        counts.append((queries, read.call_count // 2))
        assert "Too soon after the previous dose" in html
    assert counts[0] == counts[1], "the first page grew with the history"
    assert counts[0][0] <= 15
