"""Public drug pages: list with search, detail, class page, comparison; bounded queries."""

import pytest
from django.urls import reverse

from tests.factories import DrugAliasFactory, DrugFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_can_read_the_drug_pages(client):
    for url in [
        reverse("drugs:list"),
        reverse("drugs:detail", args=["carisoprodol"]),
        reverse("drugs:class_detail", args=["opioid"]),
        reverse("drugs:compare"),
    ]:
        assert client.get(url).status_code == 200, url


def test_searching_soma_finds_carisoprodol(client):
    response = client.get(reverse("drugs:list"), {"q": "soma"})
    assert [d.slug for d in response.context["page"]] == ["carisoprodol"]


def test_a_search_with_no_match_says_so(client):
    response = client.get(reverse("drugs:list"), {"q": "unobtainium"})
    assert "No drug matches" in response.content.decode()


def test_the_list_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    # Guards the N+1 of aliases and classes per drug row.
    for _ in range(30):
        DrugAliasFactory(drug=DrugFactory())
    with django_assert_max_num_queries(5):
        client.get(reverse("drugs:list"))


def test_the_detail_page_shows_limits_interactions_symptoms_and_sources(client):
    response = client.get(reverse("drugs:detail", args=["carisoprodol"]))
    html = response.content.decode()
    for text in [
        "Schedule IV",
        "250 to 350 mg",
        "1400 mg",
        "app default",
        "Benzodiazepine",
        "Major",
        "Contraindicated",
        "meprobamate",
        "Seizure",
        "Insomnia",
        "SOMA-LABEL",
        "porphyria",
        "Soma",
    ]:
        assert text in html, text


def test_the_detail_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    # Guards an N+1 over interaction sides and fact sources.
    with django_assert_max_num_queries(8):
        client.get(reverse("drugs:detail", args=["carisoprodol"]))


def test_a_drug_page_without_a_schedule_does_not_claim_it_is_uncontrolled(client):
    html = client.get(reverse("drugs:detail", args=["oxycodone"])).content.decode()
    assert "Not recorded in our reference data" in html
    assert "Not a controlled substance" not in html


def test_a_drug_with_no_rule_says_no_interaction_found_never_safe(client):
    html = client.get(reverse("drugs:detail", args=["ibuprofen"])).content.decode()
    assert "No interaction found in our reference data" in html


def test_the_class_page_lists_members_and_rules(client):
    response = client.get(reverse("drugs:class_detail", args=["benzodiazepine"]))
    html = response.content.decode()
    assert "alprazolam" in html and "Xanax" in html
    assert "carisoprodol" in html and "Major" in html


def test_compare_shows_the_two_side_by_side(client):
    response = client.get(reverse("drugs:compare"), {"a": "carisoprodol", "b": "baclofen"})
    rows = {label: (a, b) for label, a, b in response.context["rows"]}
    assert list(rows) == [
        "Drug class",
        "Controlled status",
        "Mechanism",
        "Primary use",
        "Duration of use",
        "Abuse potential",
        "Routes",
        "Common side effects",
        "Withdrawal risk",
    ]
    assert rows["Controlled status"] == ("Controlled: Schedule IV", "Not a controlled substance")
    assert "GABA-B" in rows["Mechanism"][1]
    assert "2–3 weeks" in rows["Duration of use"][0]
    assert "Long-term" in rows["Duration of use"][1]


def test_compare_with_an_unknown_slug_is_a_clear_404(client):
    response = client.get(reverse("drugs:compare"), {"a": "carisoprodol", "b": "nonesuch"})
    assert response.status_code == 404
    assert "nonesuch" in response.content.decode()
