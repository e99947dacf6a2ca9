"""A start date that puts a new course past the drug's outer limit on the day it is entered
(a wrong year or month, most often) is asked about before anything is saved; a course already
past its limit stays editable, and an imported one is history, not asked about."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory
from tests.tracker.test_courses import _start_data
from tests.tracker.test_prescription_checks import _edit_data, _import
from tracker.exports.json_export import export_user_data
from tracker.models import Course
from tracker.rules.findings import Level
from tracker.rules.prescription import PrescriptionLimits, start_date_finding

TODAY = date(2026, 12, 3)
LIMITS = PrescriptionLimits(dose_max_mg=Decimal(350), hard_limit_day=21, source="SOMA-LABEL")


def test_up_to_the_last_day_of_the_limit_nothing_is_asked():
    assert start_date_finding(TODAY - timedelta(days=20), TODAY, LIMITS, "carisoprodol") is None
    assert start_date_finding(TODAY, TODAY, LIMITS, "carisoprodol") is None


def test_a_day_past_the_limit_is_a_warning_with_the_day_and_the_date():
    finding = start_date_finding(TODAY - timedelta(days=21), TODAY, LIMITS, "carisoprodol")
    assert finding.level == Level.WARNING and finding.source == "SOMA-LABEL"
    assert "started on Thu 12 Nov 2026 is on day 22 today" in finding.message
    assert "past the 21-day limit" in finding.message and not finding.app_default


def test_a_limit_marked_as_an_app_default_says_so():
    defaults = frozenset({"course_hard_limit_day"})
    limits = PrescriptionLimits(hard_limit_day=21, app_defaults=defaults)
    assert start_date_finding(TODAY - timedelta(days=400), TODAY, limits, "x").app_default


def test_a_drug_without_a_course_limit_has_nothing_to_compare_with():
    limits = PrescriptionLimits(dose_max_mg=Decimal(350))
    assert start_date_finding(TODAY - timedelta(days=400), TODAY, limits, "x") is None


def _days_ago(days: int) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


@pytest.mark.django_db
def test_a_start_date_past_the_limit_is_asked_about_and_nothing_saved(
    owner_client, owner, carisoprodol
):
    data = _start_data(carisoprodol, start_date=_days_ago(365))
    response = owner_client.post(reverse("course_start"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Course.objects.exists()
    assert "Check the start date" in html and "is on day 366 today" in html
    assert "is the right start date" in html and "Nothing was saved yet" in html
    # Beside the date, which is marked, and the tick carries the date it confirms.
    assert html.index('id="start-date-check"') > html.index('name="start_date"')
    assert html.index('id="start-date-check"') < html.index('name="mg_per_intake"')
    assert 'aria-invalid="true"' in html.split('name="start_date"')[1].split(">")[0]
    assert f'name="start_date_confirmed" value="{data["start_date"]}"' in html

    tick = {"start_date_confirmed": data["start_date"]}
    response = owner_client.post(reverse("course_start"), {**data, **tick})
    assert response.status_code == 302
    assert Course.objects.get(owner=owner).start_date.isoformat() == data["start_date"]


@pytest.mark.django_db
def test_a_tick_confirms_its_own_date_only(owner_client, owner, carisoprodol):
    """A tick sent with a date typed again (another wrong one) confirms nothing: asked anew."""
    data = _start_data(carisoprodol, start_date=_days_ago(35))
    response = owner_client.post(
        reverse("course_start"), {**data, "start_date_confirmed": _days_ago(365)}
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Course.objects.exists()
    assert "is on day 36 today" in html
    box = html.split('name="start_date_confirmed"')[1].split(">")[0]
    assert f'value="{data["start_date"]}"' in box and "checked" not in box


@pytest.mark.django_db
def test_a_tick_given_stays_ticked_when_another_answer_is_missing(
    owner_client, owner, carisoprodol
):
    data = _start_data(carisoprodol, start_date=_days_ago(35), contraindicated="")
    response = owner_client.post(
        reverse("course_start"), {**data, "start_date_confirmed": data["start_date"]}
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Course.objects.exists()
    assert "Answer whether any of these applies to you" in html
    assert "This date puts the course past its limit" not in html
    box = html.split('name="start_date_confirmed"')[1].split(">")[0]
    assert "checked" in box


@pytest.mark.django_db
def test_a_recent_start_date_is_not_asked_about(owner_client, owner, carisoprodol):
    response = owner_client.post(
        reverse("course_start"), _start_data(carisoprodol, start_date=_days_ago(20))
    )
    assert response.status_code == 302 and Course.objects.filter(owner=owner).exists()
    assert "Check the start date" not in owner_client.get(reverse("course_start")).content.decode()


@pytest.mark.django_db
def test_moving_a_courses_start_back_past_the_limit_is_asked_about(owner_client, owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate())
    data = _edit_data(course, start_date=_days_ago(90))
    response = owner_client.post(reverse("course_edit", args=[course.pk]), data)
    assert response.status_code == 200 and "is on day 91 today" in response.content.decode()
    course.refresh_from_db()
    assert course.start_date == timezone.localdate()

    data["start_date_confirmed"] = data["start_date"]
    assert owner_client.post(reverse("course_edit", args=[course.pk]), data).status_code == 302
    course.refresh_from_db()
    assert course.start_date.isoformat() == data["start_date"]


@pytest.mark.django_db
def test_a_course_already_past_its_limit_stays_editable(owner_client, owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=40))
    data = _edit_data(course, notes="Prescriber asked me to keep going until Friday")
    assert owner_client.post(reverse("course_edit", args=[course.pk]), data).status_code == 302
    course.refresh_from_db()
    assert course.notes.startswith("Prescriber asked")


@pytest.mark.django_db
def test_an_imported_course_past_its_limit_is_history_and_imports(
    owner_client, owner, other_patient
):
    CourseFactory(owner=other_patient, start_date=timezone.localdate() - timedelta(days=200))
    assert _import(owner_client, export_user_data(other_patient)).status_code == 302
    assert Course.objects.get(owner=owner).start_date == (
        timezone.localdate() - timedelta(days=200)
    )


@pytest.mark.django_db
def test_a_date_before_the_kept_range_gets_the_ranges_message_not_the_question(
    owner_client, carisoprodol
):
    response = owner_client.post(
        reverse("course_start"), _start_data(carisoprodol, start_date="1999-12-31")
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Course.objects.exists()
    assert "Enter a date from 1 January 2000 on." in html
    assert "Check the start date" not in html
