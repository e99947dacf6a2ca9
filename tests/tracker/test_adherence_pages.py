"""Adherence and missed doses on the dashboard and the summary; as-needed courses show when the
next dose is allowed instead. The dashboard is cached: what turns with the clock must turn."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drugs.models import DrugFact
from drugs.reference_memo import forget_kept
from tests.factories import CourseFactory, DoseFactory, UserFactory
from tests.pages import read_dashboard
from tracker.models import Profile

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 5, day, hour, minute, tzinfo=PARIS)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def patient(client):
    user = UserFactory(username="pat", time_zone="Europe/Paris")
    Profile.objects.filter(user=user).update(dose_times=["08:00", "14:00", "20:00"])
    return user


@pytest.fixture
def scheduled(patient):
    """Three a day from 8 May: all three on the 8th, two on the 9th, the 08:00 one today."""
    course = CourseFactory(owner=patient, start_date=date(2026, 5, 8), intakes_per_day=3)
    for day, hours in [(8, (8, 14, 20)), (9, (8, 14)), (10, (8,))]:
        for hour in hours:
            DoseFactory(course=course, taken_at=_at(day, hour))
    return course


@pytest.fixture
def as_needed(patient):
    course = CourseFactory(
        owner=patient, start_date=date(2026, 5, 8), intakes_per_day=4, dose_schedule="as_needed"
    )
    DoseFactory(course=course, taken_at=_at(9, 9))
    DoseFactory(course=course, taken_at=_at(10, 12, 40))
    return course


def _dashboard(client, user, moment):
    with time_machine.travel(moment, tick=False):
        client.force_login(user)  # an idle session would end while the clock moves
        return read_dashboard(client)


def _missed_facts():
    return list(DrugFact.objects.filter(drug__slug="carisoprodol", kind="missed_dose"))


def test_the_dashboard_shows_doses_taken_against_planned_for_the_days_that_are_over(
    client, patient, scheduled
):
    shown = _text(_dashboard(client, patient, _at(10, 9)).html)
    assert "5 of 6 planned doses on the days before today (83%)" in shown
    assert "1 not logged" in shown
    assert "1 of 3 doses" in shown  # today, beside its plan


def test_a_late_dose_shows_the_reference_advice_with_its_source(client, patient, scheduled):
    html = _dashboard(client, patient, _at(10, 15, 30)).html
    shown = _text(html)
    assert "A dose due at 14:00 not logged yet." in shown
    assert 'data-status="info"' in html  # a note, never "On track"
    facts = _missed_facts()
    assert len(facts) == 2
    for fact in facts:
        assert fact.text in shown
    assert f"Source: {facts[0].source.key}." in shown
    assert "does not replace your prescriber" in shown
    assert "Nothing to flag" not in shown


def test_the_missed_dose_turns_on_with_the_clock_while_the_page_is_cached(
    client, patient, scheduled
):
    assert "not logged yet" not in _dashboard(client, patient, _at(10, 14, 59)).html
    with CaptureQueriesContext(connection) as later:
        html = _dashboard(client, patient, _at(10, 15, 1)).html
    assert "A dose due at 14:00 not logged yet." in _text(html)
    assert not any("tracker_dose" in q["sql"] for q in later.captured_queries)  # from cache
    DoseFactory(course=scheduled, taken_at=_at(10, 15, 2))
    assert "not logged yet" not in _dashboard(client, patient, _at(10, 15, 5)).html


def test_without_dose_times_the_prescribed_interval_decides(client, patient, scheduled):
    Profile.objects.filter(user=patient).update(dose_times=[])
    # Three a day: 8 hours after 08:00, and half of it again: missed from 20:00.
    assert "No dose logged since" not in _dashboard(client, patient, _at(10, 19, 59)).html
    assert "No dose logged since one was due, about 16:00." in _text(
        _dashboard(client, patient, _at(10, 20, 0)).html
    )


def test_as_needed_shows_when_the_next_dose_is_allowed_and_never_a_missed_dose(
    client, patient, as_needed
):
    html = _dashboard(client, patient, _at(10, 13)).html
    shown = _text(html)
    assert "Not before 16:40" in shown
    assert "as needed: at most 4 a day" in shown
    assert "Taken as planned" not in shown and "planned dose" not in shown
    assert "no adherence figure" in shown
    late = _text(_dashboard(client, patient, _at(10, 23)).html)
    assert "not logged" not in late and "Allowed now within the limits" in late


def test_as_needed_the_next_dose_line_turns_once_the_wait_is_over(client, patient, as_needed):
    assert "Not before 16:40" in _text(_dashboard(client, patient, _at(10, 16, 39)).html)
    assert "Allowed now within the limits" in _text(
        _dashboard(client, patient, _at(10, 16, 41)).html
    )


def test_as_needed_the_ceiling_of_intakes_a_day_sets_the_wait(client, patient):
    course = CourseFactory(
        owner=patient, start_date=date(2026, 5, 8), mg_per_intake="250", dose_schedule="as_needed"
    )
    for moment in (_at(10, 12, 40), _at(10, 17), _at(10, 21), _at(11, 1, 30)):
        DoseFactory(course=course, taken_at=moment, amount_mg="250")
    # Four of 250 mg since 12:40 yesterday, 1,000 mg: the daily maximum would allow one more,
    # the prescription's four a day does not until the 12:40 one is 24 hours old.
    assert "Not before 12:40" in _text(_dashboard(client, patient, _at(11, 6)).html)


def test_as_needed_the_limits_are_still_flagged(client, patient, as_needed):
    DoseFactory(course=as_needed, taken_at=_at(10, 14))
    shown = _dashboard(client, patient, _at(10, 14, 5))
    assert "dose_too_soon" in [f.code for f in shown.panels[0].findings]
    assert "Not before 18:00" in _text(shown.html)


def test_another_patients_missed_dose_never_shows(client, patient, scheduled):
    other = UserFactory(username="other", time_zone="Europe/Paris")
    html = _dashboard(client, other, _at(10, 15, 30)).html
    assert "not logged yet" not in html and "planned dose" not in html


def _summary(client, user, course) -> str:
    with time_machine.travel(_at(10, 15, 30), tick=False):
        client.force_login(user)
        response = client.get(reverse("course_summary", args=[course.pk]))
    assert response.status_code == 200
    return _text(response.content.decode())


def test_the_summary_lists_planned_and_logged_doses_per_day(client, patient, scheduled):
    shown = _summary(client, patient, scheduled)
    assert "on a schedule" in shown
    assert "5 of 6 planned doses taken as planned over the days that are over (83%)" in shown
    assert "Sat 9 May 2026 3 2 1 not logged" in shown
    assert "Sun 10 May 2026 3 1 today, so far" in shown


def test_the_summary_of_an_as_needed_course_says_so_and_has_no_figure(client, patient, as_needed):
    shown = _summary(client, patient, as_needed)
    assert "350 mg as needed (PRN), at most 4 times a day" in shown
    assert "no adherence figure" in shown and "planned doses taken" not in shown


def _cold_summary_queries(client, user, course) -> int:
    cache.clear()
    forget_kept()  # the reference rules kept per version too: nothing kept at all
    with (
        time_machine.travel(_at(10, 15, 30), tick=False),
        CaptureQueriesContext(connection) as captured,
    ):
        assert client.get(reverse("course_summary", args=[course.pk])).status_code == 200
    return len(captured.captured_queries)


def test_the_summary_runs_the_same_queries_for_a_long_history_and_either_mode(client, patient):
    """Guards against a query per day or per dose in the adherence table."""
    course = CourseFactory(owner=patient, start_date=date(2026, 5, 9), intakes_per_day=3)
    DoseFactory(course=course, taken_at=_at(9, 8))
    with time_machine.travel(_at(10, 15, 30), tick=False):
        client.force_login(patient)
    short = _cold_summary_queries(client, patient, course)
    assert short <= 15  # the performance budget of a page, built from nothing
    course.start_date = date(2026, 4, 20)
    course.save()
    for day in range(1, 20):
        for hour in (8, 14, 20):
            DoseFactory(course=course, taken_at=_at(9, hour) - timedelta(days=day))
    assert _cold_summary_queries(client, patient, course) == short
    course.dose_schedule = "as_needed"
    course.save()
    assert _cold_summary_queries(client, patient, course) == short


def _cold_dashboard_queries(client, user) -> int:
    cache.clear()
    forget_kept()  # the reference rules kept per version too: nothing kept at all
    with (
        time_machine.travel(_at(10, 15, 30), tick=False),
        CaptureQueriesContext(connection) as captured,
    ):
        assert client.get(reverse("dashboard")).status_code == 200
    return len(captured.captured_queries)


def test_the_dashboard_runs_the_same_queries_with_dose_times_adherence_or_as_needed(
    client, patient
):
    """Guards against a query per day or per dose for the adherence line, and against dose
    times or the mode costing queries of their own."""
    Profile.objects.filter(user=patient).update(dose_times=[])
    course = CourseFactory(owner=patient, start_date=date(2026, 5, 9), intakes_per_day=3)
    DoseFactory(course=course, taken_at=_at(9, 8))
    with time_machine.travel(_at(10, 15, 30), tick=False):
        client.force_login(patient)
        client.get(reverse("ping"))  # the session keeps the time zone from here on
    plain = _cold_dashboard_queries(client, patient)
    Profile.objects.filter(user=patient).update(dose_times=["08:00", "14:00", "20:00"])
    course.start_date = date(2026, 4, 20)
    course.save()
    for day in range(1, 20):
        DoseFactory(course=course, taken_at=_at(9, 8) - timedelta(days=day))
    assert _cold_dashboard_queries(client, patient) == plain
    course.dose_schedule = "as_needed"
    course.save()
    assert _cold_dashboard_queries(client, patient) == plain


def test_before_the_first_dose_the_dashboard_shows_no_adherence_line(client, patient):
    CourseFactory(owner=patient, start_date=date(2026, 5, 8), intakes_per_day=3)
    shown = _text(_dashboard(client, patient, _at(10, 15, 30)).html)
    assert "Taken as planned" not in shown and "not logged yet" not in shown
    assert "Before your first dose" in shown


@pytest.mark.parametrize(
    "schedule, missed_advice_shown", [("as_needed", False), ("scheduled", True)]
)
def test_before_the_first_dose_the_missed_dose_advice_is_for_a_schedule_only(
    client, patient, schedule, missed_advice_shown
):
    CourseFactory(owner=patient, start_date=date(2026, 5, 10), dose_schedule=schedule)
    shown = _text(_dashboard(client, patient, _at(10, 9)).html)
    missed = DrugFact.objects.filter(drug__slug="carisoprodol", kind="missed_dose")
    assert missed.exists()
    for fact in missed:
        assert (fact.text in shown) is missed_advice_shown
    timing = DrugFact.objects.filter(drug__slug="carisoprodol", kind="timing").first()
    assert timing.text in shown


@pytest.mark.parametrize(
    "schedule, said",
    [
        ("as_needed", "Taken as often as allowed, your 30 tablets last at least until"),
        ("scheduled", "At the prescribed rate your 30 tablets last until"),
    ],
)
def test_the_supply_outlook_of_an_as_needed_course_is_a_least(client, patient, schedule, said):
    CourseFactory(
        owner=patient, start_date=date(2026, 5, 8), dose_schedule=schedule, tablets_dispensed=30
    )
    assert said in _text(_dashboard(client, patient, _at(10, 9)).html)
