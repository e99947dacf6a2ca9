"""The urgent banner after a sign of overdose: on every page, with numbers to call, in plain
words, until the patient closes it."""

import re

import pytest
from django.urls import reverse

from drugs.models import DrugFact
from tests.factories import CourseFactory, UserFactory
from tracker.models import CheckIn

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("dashboard"),
    reverse("dose_history"),
    reverse("comedication_list"),
    reverse("settings"),
    reverse("drugs:detail", args=["carisoprodol"]),
]


@pytest.fixture
def patient(client):
    user = UserFactory(username="owner")
    client.force_login(user)
    return user


@pytest.fixture
def course(patient):
    return CourseFactory(owner=patient)


def _fact(kind, text_part):
    return DrugFact.objects.get(drug__slug="carisoprodol", kind=kind, text__icontains=text_part)


def _check_in(client, course, *facts):
    return client.post(
        reverse("checkin_create", args=[course.pk]),
        {"symptoms": [f.pk for f in facts], "severity": "severe"},
        follow=True,
    )


def _banner(html: str) -> str:
    """Return the banner's text, or "" when the page has none."""
    found = re.search(r'<section class="[^"]*urgent-banner".*?</section>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[0])) if found else ""


def test_after_a_sign_of_overdose_every_page_shows_the_banner_until_closed(
    client, course, settings
):
    settings.EMERGENCY_NUMBER, settings.POISON_HELP_NUMBER = "999", "0344 892 0111"
    settings.EMERGENCY_COUNTRY = "Testland"
    _check_in(client, course, _fact("overdose", "Slowed"))
    for url in PAGES:
        html = client.get(url).content.decode()
        assert "slowed or shallow breathing" in _banner(html), url
        assert 'href="tel:999"' in html and 'href="tel:03448920111"' in html, url
        assert "Call 999: emergency (Testland)" in _banner(html), url
        assert "Call Poison Help: 0344 892 0111 (Testland)" in _banner(html), url
    client.post(reverse("urgent_dismiss"))
    for url in PAGES:
        html = client.get(url).content.decode()
        assert _banner(html) == "" and "urgent-banner" not in html, url


def test_the_banner_names_only_the_urgent_signs_with_no_empty_place(client, course):
    """A side effect ticked beside a sign of overdose is listed after it (kind order): the
    sentence once ended "breathing, ." with the side effect's empty place."""
    _check_in(client, course, _fact("overdose", "Slowed"), _fact("side_effect", "Drowsiness"))
    banner = _banner(client.get(reverse("dashboard")).content.decode())
    assert "you recorded slowed or shallow breathing. " in banner
    assert "drowsiness" not in banner
    assert not re.search(r",\s*\.", banner)


def test_two_urgent_signs_are_joined_in_one_sentence(client, course):
    _check_in(
        client,
        course,
        _fact("overdose", "Slowed"),
        _fact("seek_care", "Severe allergic"),
        _fact("side_effect", "Drowsiness"),
    )
    banner = _banner(client.get(reverse("dashboard")).content.decode())
    sentence = re.search(r"you recorded (.*)\. Stop taking", banner)[1]
    # Joined with semicolons: a symptom's own words may hold commas.
    assert sorted(sentence.split("; ")) == [
        "severe allergic reaction (swelling, trouble breathing, rash)",
        "slowed or shallow breathing",
    ]


def test_the_dashboard_reads_right_with_the_banner_and_findings(client, course):
    _check_in(client, course, _fact("overdose", "Slowed"), _fact("side_effect", "Drowsiness"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/").content.decode()))
    assert not re.search(r"\bnows\b", text)
    assert not re.search(r",\s*\.", text)
    assert not re.search(r":\s*,", text)


def test_another_patients_urgent_check_in_shows_no_banner(client, patient):
    other = CourseFactory(owner=UserFactory(username="other"))
    checkin = CheckIn.objects.create(
        owner=other.owner,
        course=other,
        severity="severe",
        urgent=True,
        recorded_at=other.created_at,
    )
    checkin.symptoms.set([_fact("overdose", "Slowed")])
    for url in PAGES:
        assert _banner(client.get(url).content.decode()) == "", url
