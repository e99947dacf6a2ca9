"""What a patient types is looked up, never guessed: strengths and forms do not matter, a close
misspelling is asked about, and a name we do not know is never an all-clear anywhere."""

import pytest
from django.urls import reverse

from tests.factories import CourseFactory
from tests.tracker.test_comedications import _add
from tracker.models import CoMedication

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(owner):
    return CourseFactory(owner=owner)


@pytest.mark.parametrize(
    ("typed", "slugs"),
    [
        ("Xanax 0.5 mg", ["alprazolam"]),
        ("XANAX XR 1mg tablet", ["alprazolam"]),
        ("alprazolam 0.25 mg tablets", ["alprazolam"]),
        ("oxycodone hydrochloride 5mg", ["oxycodone"]),
        ("Tylenol 500 mg", ["acetaminophen"]),
        ("st johns wort", ["st-johns-wort"]),
    ],
)
def test_strengths_forms_and_salts_do_not_change_what_a_name_means(
    owner_client, owner, course, typed, slugs
):
    _add(owner_client, typed)
    comed = CoMedication.objects.get(owner=owner)
    assert comed.name == typed and comed.checked
    assert sorted(d.slug for d in comed.ingredients.all()) == slugs


def test_a_close_misspelling_is_asked_about_and_nothing_is_saved(owner_client, owner, course):
    response = _add(owner_client, "klonipin")
    html = response.content.decode()
    assert "Did you mean Klonopin (clonazepam)?" in html
    assert 'name="use_suggestion" value="Klonopin"' in html
    assert not CoMedication.objects.filter(owner=owner).exists()


def test_the_confirmed_suggestion_is_saved_checked_and_flagged(owner_client, owner, course):
    response = _add(owner_client, "klonipin", use_suggestion="Klonopin")
    comed = CoMedication.objects.get(owner=owner)
    assert comed.name == "Klonopin" and comed.checked
    assert [d.slug for d in comed.ingredients.all()] == ["clonazepam"]
    assert "Major interaction" in " ".join(str(m) for m in response.context["messages"])


def test_a_suggestion_that_was_not_offered_is_not_taken(owner_client, owner, course):
    response = _add(owner_client, "klonipin", use_suggestion="Oxycodone")
    assert "Did you mean Klonopin" in response.content.decode()
    assert not CoMedication.objects.filter(owner=owner).exists()


def test_a_name_kept_as_typed_is_saved_not_checked(owner_client, owner, course):
    _add(owner_client, "klonipin", keep_as_typed="1")
    comed = CoMedication.objects.get(owner=owner)
    assert comed.name == "klonipin" and not comed.checked and not comed.ingredients.exists()


def test_an_unknown_name_gets_no_all_clear_anywhere(owner_client, owner, course):
    _add(owner_client, "Aspirin")  # checked, no rule with a benzodiazepine: fine to say so
    _add(owner_client, "Zqxwv herbal drops")
    pages = {
        "dashboard": reverse("dashboard"),
        "co-medications": reverse("comedication_list"),
        "summary": reverse("course_summary", args=[course.pk]),
    }
    for page, url in pages.items():
        html = owner_client.get(url).content.decode()
        assert "Zqxwv herbal drops" in html, page
        assert "not checked" in html.lower(), page
        assert "no interaction found in our reference data between your course" not in html.lower()
        assert "no current interaction found" not in html.lower(), page
    bundle = owner_client.get(reverse("export_fhir")).json()
    [statement] = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"].get("medicationCodeableConcept", {}).get("text") == "Zqxwv herbal drops"
    ]
    assert "Not checked for interactions" in statement["note"][0]["text"]
    assert "coding" not in statement["medicationCodeableConcept"]


def test_an_unknown_name_raises_a_caution_on_the_course(owner_client, owner, course):
    _add(owner_client, "Zqxwv herbal drops")
    data = owner_client.get(reverse("dashboard")).context["data"]
    [finding] = [f for f in data.panels[0].findings if f.code == "not_checked"]
    assert finding.level.label == "Caution" and "Zqxwv herbal drops" in finding.message


def test_the_summary_lists_interaction_warnings_and_never_says_none_were_raised(
    owner_client, owner, course
):
    _add(owner_client, "Xanax")
    html = owner_client.get(reverse("course_summary", args=[course.pk])).content.decode()
    assert "No warnings were raised" not in html
    assert 'class="interaction-warning"' in html and "Xanax (alprazolam)" in html


def test_the_summary_says_no_warnings_only_when_there_were_none(owner_client, course):
    html = owner_client.get(reverse("course_summary", args=[course.pk])).content.decode()
    assert "No warnings were raised" in html


def test_the_suggestion_endpoint_offers_what_the_add_form_would_ask_about(client):
    results = client.get(reverse("drugs:suggest"), {"q": "klonipin"}).json()["results"]
    assert {"value": "Klonopin", "label": "Klonopin (clonazepam)"} in results
