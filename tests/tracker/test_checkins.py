"""Symptom check-ins, the urgent banner, and the timeline."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from drugs.models import DrugFact
from tests.factories import CourseFactory, UserFactory
from tracker.models import CheckIn, TaperPlan, TaperStep

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("America/Chicago")


@pytest.fixture
def patient(client):
    user = UserFactory(time_zone="America/Chicago")
    client.force_login(user)
    return user


def _fact(kind, text_part):
    return DrugFact.objects.get(drug__slug="carisoprodol", kind=kind, text__icontains=text_part)


def test_the_form_offers_the_drugs_reference_symptoms(client, patient):
    course = CourseFactory(owner=patient)
    form = client.get(reverse("checkin_create", args=[course.pk])).context["form"]
    kinds = set(form.fields["symptoms"].queryset.values_list("kind", flat=True))
    assert kinds == {"overdose", "seek_care", "withdrawal", "side_effect"}


def test_a_side_effect_check_in_is_recorded_without_alarm(client, patient):
    course = CourseFactory(owner=patient)
    client.post(
        reverse("checkin_create", args=[course.pk]),
        {
            "symptoms": [_fact("side_effect", "Drowsiness").pk],
            "severity": "mild",
            "note": "after lunch",
        },
    )
    checkin = CheckIn.objects.get()
    assert not checkin.urgent
    assert "Urgent" not in client.get(reverse("dashboard")).content.decode()


def test_a_seek_care_symptom_shows_the_urgent_banner_on_every_page_until_closed(client, patient):
    with time_machine.travel(datetime(2026, 7, 1, 10, 0, tzinfo=ZONE), tick=False) as clock:
        course = CourseFactory(owner=patient, start_date=date(2026, 6, 28))
        response = client.post(
            reverse("checkin_create", args=[course.pk]),
            {"symptoms": [_fact("seek_care", "Severe allergic").pk], "severity": "severe"},
            follow=True,
        )
        html = response.content.decode()
        assert "Urgent" in html and "get medical help now" in html
        assert 'href="tel:911"' in html and 'href="tel:18002221222"' in html
        clock.move_to(datetime(2026, 7, 2, 9, 0, tzinfo=ZONE))  # the next day, still open
        client.force_login(patient)
        for url in [reverse("dashboard"), reverse("dose_history"), reverse("settings")]:
            assert "severe allergic reaction" in client.get(url).content.decode(), url
        client.post(reverse("urgent_dismiss"))
        assert "urgent-banner" not in client.get(reverse("dashboard")).content.decode()
        assert CheckIn.objects.get().dismissed_at is not None


def test_where_the_time_zone_names_no_country_the_numbers_to_call_are_settings(client, settings):
    """A zone like UTC names no country, so reference data has no numbers for it
    (tests/tracker/test_emergency_numbers.py covers the countries)."""
    settings.EMERGENCY_NUMBER, settings.POISON_HELP_NUMBER = "112", "+44 344 892 0111"
    settings.EMERGENCY_COUNTRY, settings.EMERGENCY_COUNTRY_CODE = "United Kingdom", "GB"
    patient = UserFactory(username="nowhere", time_zone="UTC")
    client.force_login(patient)
    course = CourseFactory(owner=patient)
    client.post(
        reverse("checkin_create", args=[course.pk]),
        {"symptoms": [_fact("seek_care", "Severe allergic").pk], "severity": "severe"},
    )
    html = client.get(reverse("dashboard")).content.decode()
    assert 'href="tel:112"' in html and 'href="tel:+443448920111"' in html
    assert "United Kingdom" in html
    # The numbers are the deployment's: a patient elsewhere is told to call their own.
    assert "Numbers for: United Kingdom. Elsewhere, call your local emergency number." in html


def test_closing_the_banner_touches_only_the_patients_own_check_ins(client, patient):
    other = CourseFactory()
    CheckIn.objects.create(
        owner=other.owner, course=other, severity="severe", urgent=True, recorded_at=timezone.now()
    )
    client.post(reverse("urgent_dismiss"))
    assert CheckIn.objects.get().dismissed_at is None


def test_an_empty_check_in_is_refused(client, patient):
    course = CourseFactory(owner=patient)
    response = client.post(reverse("checkin_create", args=[course.pk]), {"severity": "mild"})
    assert "Pick at least one symptom" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_a_symptom_of_another_drug_is_refused(client, patient):
    course = CourseFactory(owner=patient)
    baclofen_fact = DrugFact.objects.filter(drug__slug="baclofen", kind="withdrawal").first()
    response = client.post(
        reverse("checkin_create", args=[course.pk]),
        {"symptoms": [baclofen_fact.pk], "severity": "mild"},
    )
    assert response.status_code == 200
    assert not CheckIn.objects.exists()


def test_check_ins_appear_on_the_timeline_beside_the_steps(client, patient):
    course = CourseFactory(owner=patient, start_date=date.today() - timedelta(days=2))
    plan = TaperPlan.objects.create(course=course)
    TaperStep.objects.create(
        plan=plan, start_date=course.start_date, mg_per_intake=350, intakes_per_day=2
    )
    client.post(
        reverse("checkin_create", args=[course.pk]),
        {"symptoms": [_fact("withdrawal", "Insomnia").pk], "severity": "moderate"},
    )
    html = client.get(reverse("course_timeline", args=[course.pk])).content.decode()
    assert "Taper step:" in html and "Insomnia" in html
    assert html.index("Insomnia") < html.index("Taper step:")


def test_overdose_signs_are_grouped_first_each_symptom_once(client, patient):
    course = CourseFactory(owner=patient)
    form = client.get(reverse("checkin_create", args=[course.pk])).context["form"]
    titles = [title for title, _ in form.groups]
    assert titles[0] == "Signs of overdose: get help now"
    assert titles[1:] == ["Stop and seek care now", "Withdrawal symptoms", "Side effects"]
    texts = [f.text.casefold() for _, facts in form.groups for f in facts]
    assert len(texts) == len(set(texts))  # Hallucinations, Vomiting, Headache: once each
    assert "slowed or shallow breathing" in texts[: len(form.groups[0][1])]


def test_a_sign_of_overdose_is_urgent_with_numbers_to_call(client, patient):
    course = CourseFactory(owner=patient)
    response = client.post(
        reverse("checkin_create", args=[course.pk]),
        {"symptoms": [_fact("overdose", "Slowed").pk], "severity": "severe"},
        follow=True,
    )
    assert CheckIn.objects.get().urgent
    html = response.content.decode()
    assert "slowed or shallow breathing" in html and 'href="tel:911"' in html


@pytest.mark.parametrize(
    "kind, text",
    [("overdose", "Slowed"), ("seek_care", "Severe allergic"), ("overdose", "consciousness")],
)
def test_a_sign_to_get_help_for_is_recorded_without_a_severity(client, patient, kind, text):
    """A patient ticking an overdose sign in a hurry is not held back by the severity."""
    course = CourseFactory(owner=patient)
    response = client.post(
        reverse("checkin_create", args=[course.pk]),
        {"symptoms": [_fact(kind, text).pk]},
        follow=True,
    )
    checkin = CheckIn.objects.get()
    assert checkin.urgent and checkin.severity == "severe"
    assert 'href="tel:911"' in response.content.decode()


def test_a_side_effect_without_a_severity_asks_for_it_and_records_nothing(client, patient):
    course = CourseFactory(owner=patient)
    response = client.post(
        reverse("checkin_create", args=[course.pk]),
        {"symptoms": [_fact("side_effect", "Drowsiness").pk], "note": "kept-note"},
    )
    assert response.status_code == 200
    assert "Choose how bad it is" in response.content.decode()
    assert "kept-note" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_a_severe_withdrawal_symptom_is_urgent_and_the_banner_names_only_urgent_ones(
    client, patient
):
    course = CourseFactory(owner=patient)
    client.post(
        reverse("checkin_create", args=[course.pk]),
        {
            "symptoms": [_fact("withdrawal", "Psychosis").pk, _fact("withdrawal", "Insomnia").pk],
            "severity": "severe",
        },
    )
    assert CheckIn.objects.get().urgent
    html = client.get(reverse("dashboard")).content.decode()
    assert "you recorded psychosis." in html
    assert ", ." not in html and "insomnia" not in html.split("urgent-banner")[1][:2000]


def test_the_check_in_offers_each_symptom_once(client, patient):
    course = CourseFactory(owner=patient)
    form = client.get(reverse("checkin_create", args=[course.pk])).context["form"]
    texts = [f.text.casefold() for _, group in form.groups for f in group]
    assert len(texts) == len(set(texts))
    assert sum("seizure" in t for t in texts) == 1
