"""The numbers to call are offered only where they ring: a patient whose time zone lies in
another country than the app's numbers is told to call their local emergency number."""

import re
from datetime import timedelta

import pytest
from django.core.checks import run_checks
from django.urls import reverse
from django.utils import timezone

from drugs.models import DrugFact
from tests.factories import CourseFactory, UserFactory
from tracker.rules.emergency import Numbers, emergency_offer
from tracker.zone_countries import country_of_zone

APP_NUMBERS = Numbers(country="United States", emergency="911", poison_help="1-800-222-1222")


@pytest.mark.parametrize(
    "zone, country",
    [
        ("Europe/Berlin", ("DE", "Germany")),
        ("America/New_York", ("US", "United States")),
        ("America/Toronto", ("CA", "Canada")),
        ("Australia/Sydney", ("AU", "Australia")),
        ("UTC", None),
        ("Etc/GMT+5", None),
        ("Not/AZone", None),
        ("", None),
    ],
)
def test_the_country_of_a_time_zone(zone, country):
    assert country_of_zone(zone) == country


def test_the_app_numbers_are_offered_in_their_country_and_where_no_country_is_known():
    assert emergency_offer(("US", "United States"), APP_NUMBERS, "US").numbers == APP_NUMBERS
    assert emergency_offer(None, APP_NUMBERS, "US").numbers == APP_NUMBERS


def test_in_another_country_no_number_is_offered_and_the_country_is_named():
    offer = emergency_offer(("DE", "Germany"), APP_NUMBERS, "US")
    assert offer.numbers is None and offer.patient_country == "Germany"
    # The same numbers set up for Germany are offered there.
    german = Numbers(country="Germany", emergency="112", poison_help="030 19240")
    assert emergency_offer(("DE", "Germany"), german, "DE").numbers == german


def _urgent_page(client, zone: str) -> str:
    user = UserFactory(username=f"patient-{zone.replace('/', '-')}", time_zone=zone)
    course = CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=3))
    client.force_login(user)
    slowed = DrugFact.objects.get(
        drug__slug="carisoprodol", kind="overdose", text__icontains="Slowed"
    )
    client.post(
        reverse("checkin_create", args=[course.pk]),
        {"symptoms": [slowed.pk], "severity": "severe"},
    )
    return client.get(reverse("dashboard")).content.decode()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_a_patient_in_berlin_is_never_offered_the_app_911(client):
    html = _urgent_page(client, "Europe/Berlin")
    assert "tel:" not in html  # no button, no footer link: 911 rings nowhere there
    text = _text(html)
    assert "Call your local emergency number now (Germany)." in text
    assert "This app's numbers are for United States, not for where your time zone is" in text
    assert "In an emergency call your local emergency number." in text
    settings_page = _text(client.get(reverse("settings")).content.decode())
    assert "Your time zone is in Germany, and this app's emergency numbers are for" in settings_page


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["America/Chicago", "UTC"])
def test_a_patient_in_the_apps_country_or_with_no_country_gets_the_numbers(client, zone):
    html = _urgent_page(client, zone)
    assert 'href="tel:911"' in html and 'href="tel:18002221222"' in html
    assert "local emergency number now" not in html


@pytest.mark.django_db
def test_numbers_set_up_for_another_country_follow_its_code(client, settings):
    settings.EMERGENCY_NUMBER, settings.POISON_HELP_NUMBER = "112", "030 19240"
    settings.EMERGENCY_COUNTRY, settings.EMERGENCY_COUNTRY_CODE = "Germany", "DE"
    assert 'href="tel:112"' in _urgent_page(client, "Europe/Berlin")
    client.logout()
    assert "tel:112" not in _urgent_page(client, "America/Chicago")


@pytest.mark.django_db
def test_the_dangerous_combination_says_to_call_the_local_number_abroad(client):
    user = UserFactory(username="abroad", time_zone="Europe/Berlin")
    CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=3))
    client.force_login(user)
    for name in ["Xanax", "OxyContin"]:
        client.post(
            reverse("comedication_add"),
            {
                "name": name,
                "dose": "",
                "frequency": "",
                "note": "",
                "stop_date": "",
                "start_date": timezone.localdate().isoformat(),
            },
        )
    html = client.get(reverse("dashboard")).content.decode()
    status = html[html.index('class="course-status') :]
    status = _text(status[: status.index("</div>")])
    assert "If someone is very drowsy, hard to wake or breathing slowly" in status
    assert "Call your local emergency number (Germany)." in status
    assert "tel:" not in html


def test_an_unknown_country_code_stops_the_app_from_starting(settings):
    settings.EMERGENCY_COUNTRY_CODE = "XX"
    errors = [e for e in run_checks() if e.id == "tracker.E001"]
    assert errors and "'XX' is not an ISO 3166 country code" in errors[0].msg
    settings.EMERGENCY_COUNTRY_CODE = "US"
    assert not [e for e in run_checks() if e.id == "tracker.E001"]
