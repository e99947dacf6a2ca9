"""The numbers to call are those of the country the patient's time zone lies in, from reference
data that cites its sources; where the app knows none, the patient is told to call their local
emergency number, and never offered a number that rings elsewhere."""

import re
from datetime import timedelta

import pytest
from django.core.checks import run_checks
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from drugs.changes import reference_changed
from drugs.models import DrugFact, EmergencyNumbers
from tests.factories import CourseFactory, UserFactory
from tracker.rules.emergency import Numbers, emergency_offer
from tracker.zone_countries import country_of_zone

APP_NUMBERS = Numbers(country="United States", emergency="911", poison_help="1-800-222-1222")
GERMANY = Numbers(country="Germany", emergency="112")


@pytest.mark.parametrize(
    "zone, country",
    [
        ("Europe/Berlin", ("DE", "Germany")),
        ("America/New_York", ("US", "United States")),
        ("America/Toronto", ("CA", "Canada")),
        ("Asia/Tokyo", ("JP", "Japan")),
        # Old names, as browsers still report them, through tzdata's links.
        ("Asia/Calcutta", ("IN", "India")),
        ("GB", ("GB", "Britain (UK)")),
        ("US/Eastern", ("US", "United States")),
        ("Europe/Kiev", ("UA", "Ukraine")),
        ("America/Puerto_Rico", ("PR", "Puerto Rico")),
        # No place at all: the clock alone.
        ("UTC", None),
        ("GMT", None),
        ("Etc/GMT+5", None),
        # A place of unknown country: a time's name, or no zone the database knows.
        ("CET", ("", "")),
        ("EST5EDT", ("", "")),
        ("Not/AZone", ("", "")),
        ("", ("", "")),
    ],
)
def test_the_country_of_a_time_zone(zone, country):
    assert country_of_zone(zone) == country


def test_the_countrys_own_numbers_come_first():
    assert emergency_offer(("DE", "Germany"), GERMANY, APP_NUMBERS, "US").numbers == GERMANY


def test_the_app_numbers_are_offered_in_their_country_and_where_no_country_is_known():
    assert emergency_offer(("US", "United States"), None, APP_NUMBERS, "US").numbers == APP_NUMBERS
    assert emergency_offer(None, None, APP_NUMBERS, "US").numbers == APP_NUMBERS


def test_elsewhere_no_number_is_offered_and_the_country_is_named():
    offer = emergency_offer(("JP", "Japan"), None, APP_NUMBERS, "US")
    assert offer.numbers is None and offer.patient_country == "Japan"


def test_a_place_of_unknown_country_is_offered_no_number():
    offer = emergency_offer(("", ""), None, APP_NUMBERS, "US")
    assert offer.numbers is None and offer.patient_country == ""


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


def _calls(html: str) -> list[str]:
    return re.findall(r'href="tel:([^"]*)"', html)


@pytest.mark.django_db
def test_a_patient_in_berlin_is_offered_112_never_the_app_911(client):
    html = _urgent_page(client, "Europe/Berlin")
    assert _calls(html) == ["112"]  # the banner's button
    assert "Call 112: emergency (Germany)" in _text(html)
    assert "Poison" not in _text(html)  # no public poison line is on record for Germany


@pytest.mark.django_db
def test_a_poison_line_with_hours_is_offered_with_them(client):
    html = _urgent_page(client, "Europe/Dublin")
    assert "Call Public Poisons Information Line: 01 809 2166 (Ireland, 8am to 10pm daily)" in (
        _text(html)
    )
    assert _calls(html) == ["112", "018092166"]


@pytest.mark.django_db
def test_where_the_app_knows_no_number_it_says_to_call_the_local_one(client):
    html = _urgent_page(client, "Asia/Tokyo")
    assert _calls(html) == []  # 911 rings nowhere in Japan
    text = _text(html)
    assert "Call your local emergency number now (Japan)." in text
    assert "This app has no emergency numbers for Japan, where your time zone is." in text
    assert "In an emergency call your local emergency number." in text
    settings_page = _text(client.get(reverse("settings")).content.decode())
    assert "This app has no emergency numbers for where your time zone is (Japan)" in (
        settings_page
    )


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["America/Chicago", "UTC"])
def test_a_patient_in_the_us_or_with_no_country_gets_911_and_poison_help(client, zone):
    html = _urgent_page(client, zone)
    assert _calls(html) == ["911", "18002221222"]
    assert "Call Poison Help: 1-800-222-1222 (United States)" in _text(html)


@pytest.mark.django_db
def test_the_apps_own_numbers_serve_their_country_when_reference_data_has_none(client, settings):
    settings.EMERGENCY_NUMBER, settings.POISON_HELP_NUMBER = "119", "029 852 9999"
    settings.EMERGENCY_COUNTRY, settings.EMERGENCY_COUNTRY_CODE = "Japan", "JP"
    assert "119" in _calls(_urgent_page(client, "Asia/Tokyo"))
    client.logout()
    assert "119" not in _calls(_urgent_page(client, "Asia/Seoul"))


@pytest.mark.django_db
def test_pages_that_offer_no_number_do_not_look_it_up(client):
    """The numbers are read where a page offers them (the urgent banner, a dangerous
    combination's status, Settings), not on every page."""
    user = UserFactory(username="berlin", time_zone="Europe/Berlin")
    client.force_login(user)
    client.get(reverse("dose_history"))
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("dose_history"))
    assert not [q for q in captured.captured_queries if "emergencynumbers" in q["sql"]]
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("settings")).content.decode()
    assert "from your time zone: 112 (Germany)" in _text(page)
    assert len([q for q in captured.captured_queries if "emergencynumbers" in q["sql"]]) == 1


@pytest.mark.django_db
def test_an_editors_change_shows_on_the_next_page(client):
    html = _urgent_page(client, "Europe/Berlin")
    assert "112" in _calls(html)
    EmergencyNumbers.objects.filter(country_code="DE").update(emergency_number="110 112")
    reference_changed()  # as every editor's change does (drugs/changes.py)
    assert "110112" in _calls(client.get(reverse("dashboard")).content.decode())


@pytest.mark.django_db
def test_every_country_cites_a_source_and_every_poison_line_its_own():
    rows = EmergencyNumbers.objects.select_related("source", "poison_help_source")
    assert rows.count() >= 36
    for row in rows:
        assert row.source.url.startswith("http"), row
        if row.poison_help_number:
            assert row.poison_help_source.url.startswith("http") and row.poison_help_name, row
    assert rows.get(country_code="NO").emergency_number == "113"  # 112 is the police there


@pytest.mark.django_db
def test_an_editor_changing_a_number_gives_a_reason_kept_in_the_history(editor_client):
    germany = EmergencyNumbers.objects.get(country_code="DE")
    url = reverse("admin:drugs_emergencynumbers_change", args=[germany.pk])
    data = {
        "country_code": "DE",
        "country_name": "Germany",
        "emergency_number": "112",
        "source": germany.source_id,
        "poison_help_number": "",
        "poison_help_name": "",
        "poison_help_note": "",
        "poison_help_source": "",
        "change_reason": "",
    }
    assert editor_client.post(url, data | {"emergency_number": "999"}).status_code == 200
    assert EmergencyNumbers.objects.get(pk=germany.pk).emergency_number == "112"
    editor_client.post(url, data | {"emergency_number": "999", "change_reason": "test"})
    assert EmergencyNumbers.objects.get(pk=germany.pk).emergency_number == "999"
    assert germany.history.first().history_change_reason == "test"
    bad = editor_client.post(url, data | {"poison_help_number": "0800 1", "change_reason": "x"})
    assert "A poison line needs its name and its source." in bad.content.decode()


@pytest.mark.django_db
def test_the_dangerous_combination_says_to_call_the_local_number_where_none_is_known(client):
    user = UserFactory(username="abroad", time_zone="Asia/Tokyo")
    CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=3))
    client.force_login(user)
    for name in ["Xanax", "OxyContin"]:
        client.post(
            reverse("comedication_add"),
            {"name": name, "dose": "", "frequency": "", "note": "", "stop_date": ""}
            | {"start_date": timezone.localdate().isoformat()},
        )
    html = client.get(reverse("dashboard")).content.decode()
    status = html[html.index('class="course-status') :]
    status = _text(status[: status.index("</div>")])
    assert "If someone is very drowsy, hard to wake or breathing slowly" in status
    assert "Call your local emergency number (Japan)." in status
    assert _calls(html) == []


def test_an_unknown_country_code_stops_the_app_from_starting(settings):
    settings.EMERGENCY_COUNTRY_CODE = "XX"
    errors = [e for e in run_checks() if e.id == "tracker.E001"]
    assert errors and "'XX' is not an ISO 3166 country code" in errors[0].msg
    settings.EMERGENCY_COUNTRY_CODE = "US"
    assert not [e for e in run_checks() if e.id == "tracker.E001"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "zone, calls, says",
    [
        ("Asia/Calcutta", ["112"], "Call 112: emergency (India)"),
        ("GB", ["999"], "Call 999: emergency (United Kingdom)"),
        ("US/Eastern", ["911", "18002221222"], "Call 911: emergency (United States)"),
        ("America/Puerto_Rico", ["911"], "Call 911: emergency (Puerto Rico)"),
        ("EST5EDT", [], "Call your local emergency number now."),
        ("CET", [], "This app has no emergency numbers for where your time zone is."),
    ],
)
def test_old_and_odd_zone_names_get_the_right_numbers_or_none(client, zone, calls, says):
    """A browser may still report an old name (Asia/Calcutta); a zone named after a time (CET,
    EST5EDT) says nothing of the country, so it is never offered the app's 911."""
    html = _urgent_page(client, zone)
    assert _calls(html) == calls
    assert says in _text(html)
