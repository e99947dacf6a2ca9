"""What each page says the prescription is: the same words on the course page, the summary
for the prescriber and a shared page, as needed or on a schedule, with the planned length
when the prescriber gave one (and the dashboard says how many days were prescribed)."""

import re
from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.tracker.share_data import NOW, make_course, make_patient, share
from tracker.models import DoseSchedule

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _pages(course) -> dict[str, str]:
    """Return each page's text as the patient, and the person given a link, read it."""
    owner = Client()
    owner.force_login(course.owner)
    token = share(course).token
    with time_machine.travel(NOW, tick=False):
        return {
            "course page": _text(owner.get(reverse("course_detail", args=[course.pk]))),
            "summary": _text(owner.get(reverse("course_summary", args=[course.pk]))),
            "shared page": _text(Client().get(reverse("shared_course", args=[token]))),
        }


@pytest.fixture
def course():
    return make_course(make_patient())


@pytest.mark.parametrize("page", ["course page", "summary", "shared page"])
def test_a_scheduled_course_reads_as_its_schedule(course, page):
    shown = _pages(course)[page]
    assert "350 mg, 4 times a day (1400 mg a day), on a schedule" in shown
    assert "as needed" not in shown.lower().replace("as needed (prn)", "")


@pytest.mark.parametrize("page", ["course page", "summary", "shared page"])
def test_an_as_needed_course_never_reads_as_a_schedule(course, page):
    """A clinician opening a shared link must not read "4 times a day" as the prescription
    of a course the patient takes only when needed."""
    course.dose_schedule = DoseSchedule.AS_NEEDED
    course.save()
    shown = _pages(course)[page]
    assert "350 mg as needed (PRN), at most 4 times a day (at most 1400 mg a day)" in shown
    assert "on a schedule" not in shown


@pytest.mark.parametrize("page", ["course page", "summary", "shared page"])
def test_the_planned_length_is_said_with_its_last_day(course, page):
    course.planned_days = 10
    course.save()
    assert "for 10 days (to Wed 10 Jun 2026)" in _pages(course)[page]


@pytest.mark.parametrize("page", ["course page", "summary", "shared page"])
def test_no_planned_length_is_made_up(course, page):
    assert course.planned_days is None
    assert not re.search(r"for \d+ days? \(to ", _pages(course)[page])


def test_one_planned_day_is_a_day():
    course = make_course(make_patient())
    course.planned_days = 1
    assert course.planned_last_day == date(2026, 6, 1) == course.start_date


def _dashboard_with_plan(course, planned_days) -> str:
    """Return the dashboard's text on 4 June (day 4) with the planned length given."""
    course.planned_days = planned_days
    course.save()
    owner = Client()
    owner.force_login(course.owner)
    with time_machine.travel(NOW, tick=False):
        return _text(owner.get(reverse("dashboard")))


@pytest.mark.parametrize("planned, said", [(14, "· 14 days prescribed"), (None, None)])
def test_the_dashboard_says_how_many_days_were_prescribed(course, planned, said):
    shown = _dashboard_with_plan(course, planned)
    if said:
        assert said in shown
    else:
        assert "prescribed" not in shown.split("Day ")[1][:60]


@pytest.mark.parametrize("planned, past", [(3, True), (4, False), (None, False)])
def test_the_dashboard_says_when_the_planned_length_is_past(course, planned, past):
    shown = _dashboard_with_plan(course, planned)
    assert ("Day 4: past the 3 days your prescriber planned" in shown) is past
    assert ("your prescriber planned" in shown) is past
