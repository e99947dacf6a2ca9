"""The printable summary: the patient's name only when chosen, the daily table, the warnings
raised and the app's disclaimer."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.factories import CourseFactory, DoseFactory, UserFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 6, 4, 12, 0, tzinfo=PARIS)


@pytest.fixture
def patient(client):
    user = UserFactory(
        username="pat", first_name="Pat", last_name="Example", time_zone="Europe/Paris"
    )
    client.force_login(user)
    return user


@pytest.fixture
def course(patient):
    course = CourseFactory(owner=patient, start_date=date(2026, 6, 1))
    for day, hours in [(1, (8, 14, 20)), (3, (0, 6, 12, 18, 23))]:
        for hour in hours:
            DoseFactory(course=course, taken_at=datetime(2026, 6, day, hour, tzinfo=PARIS))
    return course


def _summary(client, course, **params) -> str:
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("course_summary", args=[course.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_patients_name_is_left_off_by_default(client, course):
    html = _summary(client, course)
    assert "Pat Example" not in html and "Patient</dt>" not in html
    assert 'name="name" value="1" id="include-name">' in html  # the box, not ticked
    assert "Include my name on the summary" in html


def test_the_patients_full_name_is_printed_when_chosen(client, course):
    html = _summary(client, course, name="1")
    assert '<dd class="col-8 patient-name">Pat Example</dd>' in html
    assert 'id="include-name" checked>' in html


def test_the_username_stands_in_for_a_missing_full_name(client, course, patient):
    patient.first_name = patient.last_name = ""
    patient.save()
    assert '<dd class="col-8 patient-name">pat</dd>' in _summary(client, course, name="1")


@pytest.mark.parametrize("value", ["0", "yes", "true", ""])
def test_only_the_box_itself_turns_the_name_on(client, course, value):
    assert "Pat Example" not in _summary(client, course, name=value)


def test_the_daily_table_lists_every_course_day_with_doses_total_and_the_limit(client, course):
    html = _summary(client, course)
    table = html[html.index('class="table table-sm daily-table"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr(?: class=\"over\")?><th scope=\"row\">.*?</tr>", table)
    assert [_text(r).strip() for r in rows] == [
        "1 Mon 1 Jun 2026 3 1050 No",
        "2 Tue 2 Jun 2026 0 0 No",
        "3 Wed 3 Jun 2026 5 1750 Yes",
        "4 Thu 4 Jun 2026 0 0 No",
    ]
    assert "against the daily maximum of 1400 mg" in table


def test_the_warnings_raised_and_the_disclaimer_are_printed(client, course):
    text = _text(_summary(client, course))
    assert "Warnings raised" in text
    assert "Wed 3 Jun 2026, 23:00 Danger Wed 03 Jun: 1750 mg in one day is above" in text
    assert "5 doses in 24 hours; your prescription is 4 a day." in text
    assert "This app informs; it does not replace your prescriber or pharmacist." in text
    assert "a missing warning does not mean a combination is safe" in text


def test_the_summary_links_its_print_stylesheet_for_print_only(client, course):
    html = _summary(client, course)
    assert re.search(
        r'<link rel="stylesheet" href="/static/css/print\.css[^"]*" media="print">', html
    )
    assert "<style" not in html and "style=" not in html


def test_another_patients_summary_is_not_found_even_with_the_name_asked_for(client, course):
    client.force_login(UserFactory(username="other"))
    response = client.get(reverse("course_summary", args=[course.pk]), {"name": "1"})
    assert response.status_code == 404
    assert b"Pat Example" not in response.content
