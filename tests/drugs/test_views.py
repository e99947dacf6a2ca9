"""Public drug pages: list with search, detail, class page, comparison; bounded queries."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from drugs.models import Drug, Product
from tests.factories import (
    DrugAliasFactory,
    DrugClassFactory,
    DrugFactory,
    InteractionFactory,
    SourceFactory,
)

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


@pytest.mark.parametrize("typed, offered", [("klonipin", "Klonopin"), ("xanx", "Xanax")])
def test_a_misspelt_search_offers_the_names_it_may_mean(client, typed, offered):
    page = client.get(reverse("drugs:list"), {"q": typed}).content.decode()
    assert "No drug matches" in page
    assert f'href="?q={offered}">{offered}</a>' in page


def test_a_search_with_matches_offers_no_guesses(client):
    page = client.get(reverse("drugs:list"), {"q": "soma"}).content.decode()
    assert "Did you mean" not in page


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
    # Guards an N+1 over interaction sides, the classes of their drugs, and fact sources.
    with django_assert_max_num_queries(10):
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
        "Dose limits",
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


def _tables(html: str) -> list[list[dict]]:
    """Return each interaction table of a page as its rows: counterpart, severity, evidence
    and sources."""
    tables = []
    for table in re.findall(r'<table class="[^"]*interactions">(.*?)</table>', html, re.S):
        rows = []
        for name, row in re.findall(r'<tr data-counterpart="([^"]*)">(.*?)</tr>', table, re.S):
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            rows.append(
                {
                    "with": name,
                    "cell": re.sub(r"<[^>]+>", "", cells[0]),
                    "severity": re.sub(r"<[^>]+>", "", cells[1]).strip(),
                    "evidence": cells[4].split("<br>"),
                    "sources": cells[5].split("<br>"),
                }
            )
        tables.append(rows)
    return tables


def _rows(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    (table,) = _tables(response.content.decode())
    return table


def _twice(rows) -> list[str]:
    return [name for name, n in Counter(r["with"].casefold() for r in rows).items() if n > 1]


def test_the_carisoprodol_page_shows_each_interaction_once(client):
    """seed.json's rule for the drug alcohol and names.json's rule for the class Alcohol say the
    same thing: one row, naming both, with no second severity row."""
    rows = _rows(client, reverse("drugs:detail", args=["carisoprodol"]))
    assert _twice(rows) == []
    alcohol = [r for r in rows if "alcohol" in r["with"].casefold()]
    assert [r["with"] for r in alcohol] == ["Alcohol"]
    assert "including alcohol" in alcohol[0]["cell"] and alcohol[0]["severity"] == "Major"
    # meprobamate's own rule is as severe as its class's but says more (what carisoprodol
    # becomes, the allergy): its words keep their own row rather than fold away.
    duplicate = next(r for r in rows if r["with"].startswith("Duplicate therapy"))
    assert "including meprobamate" not in duplicate["cell"]
    assert [r["severity"] for r in rows if r["with"] == "meprobamate"] == ["Contraindicated"]
    # baclofen's own rule is more severe than its classes': it keeps its row.
    assert next(r for r in rows if r["with"] == "baclofen")["severity"] == "Major"


@pytest.mark.parametrize(
    "slug, severity",
    [("meprobamate", "Contraindicated"), ("alprazolam", "Major"), ("baclofen", "Major")],
)
def test_a_drug_reached_by_several_rules_shows_carisoprodol_once_at_the_highest(
    client, slug, severity
):
    rows = _rows(client, reverse("drugs:detail", args=[slug]))
    assert [(r["with"], r["severity"]) for r in rows] == [("carisoprodol", severity)]


def test_baclofens_row_cites_each_rule_with_its_own_evidence(client):
    (row,) = _rows(client, reverse("drugs:detail", args=["baclofen"]))
    cited = dict(zip(row["sources"], row["evidence"], strict=True))
    assert cited == {"PATIENT-PAGE": "Secondary source", "SOMA-LABEL": "Label"}


def test_class_and_product_pages_show_each_counterpart_once_per_table(client):
    urls = [reverse("drugs:class_detail", args=[slug]) for slug in ("alcohol", "cns-depressant")]
    urls += [p.get_absolute_url() for p in Product.objects.filter(name__istartswith="Soma")]
    assert len(urls) >= 4
    for url in urls:
        html = client.get(url).content.decode()
        for rows in _tables(html):
            assert _twice(rows) == [], url


@pytest.fixture
def duplicated_pair(db):
    """A drug with a rule against a class and another against a member of that class."""
    main = DrugFactory(generic_name="maindrug")
    group = DrugClassFactory(name="Sleepers")
    member = DrugFactory(generic_name="sleepwell", classes=[group])
    InteractionFactory(
        drug_a=main, drug_b=None, class_b=group, severity="major", source=SourceFactory(key="A")
    )
    return main, group, member


def test_a_drug_rule_that_repeats_its_class_rule_is_one_row(client, duplicated_pair):
    main, group, member = duplicated_pair
    InteractionFactory(drug_a=member, drug_b=main, severity="major", source=SourceFactory(key="B"))
    rows = _rows(client, main.get_absolute_url())
    assert [(r["with"], r["severity"]) for r in rows] == [("Sleepers", "Major")]
    assert "including sleepwell" in rows[0]["cell"] and rows[0]["sources"] == ["A", "B"]
    rows = _rows(client, member.get_absolute_url())
    assert [(r["with"], r["severity"]) for r in rows] == [("maindrug", "Major")]


def test_a_drug_rule_more_severe_than_its_class_keeps_its_own_row(client, duplicated_pair):
    main, group, member = duplicated_pair
    InteractionFactory(drug_a=main, drug_b=member, severity="contraindicated")
    rows = _rows(client, main.get_absolute_url())
    assert [(r["with"], r["severity"]) for r in rows] == [
        ("sleepwell", "Contraindicated"),
        ("Sleepers", "Major"),
    ]
    rows = _rows(client, member.get_absolute_url())
    assert [(r["with"], r["severity"]) for r in rows] == [("maindrug", "Contraindicated")]


def test_the_drug_page_headings_read_right(client):
    html = client.get(reverse("drugs:detail", args=["carisoprodol"])).content.decode()
    assert ">Stop and seek care now</h2>" in html and not re.search(r"\bnows\b", html)
    assert ">Side effects</h2>" in html and ">Signs of overdose: get help now</h2>" in html


def test_every_app_default_limit_says_so_and_asks_for_the_prescriber(client, carisoprodol):
    html = client.get(carisoprodol.get_absolute_url()).content.decode()
    rows = re.findall(r'<tr( class="app-default")?><th scope="row">([^<]+)</th>', html)
    marked = {label for mark, label in rows if mark}
    assert marked == {"Maximum per day", "Minimum time between doses", "Course", "Taper"}
    assert "Per dose" in {label for _, label in rows}  # label figures stay unmarked
    assert html.count("app default: confirm with your prescriber") == len(marked)
    assert "not figures from the label" in html


def test_an_app_default_caution_day_marks_the_course_row(client):
    drug = DrugFactory(
        course_caution_day=5,
        course_limit_day=7,
        course_hard_limit_day=10,
        app_defaults=["course_caution_day"],
    )
    html = client.get(drug.get_absolute_url()).content.decode()
    assert '<tr class="app-default"><th scope="row">Course</th>' in html


def test_a_secondary_rule_is_never_labelled_label(client, carisoprodol):
    secondary = ["apalutamide", "baclofen", "Cannabis and cannabinoids", "aspirin"]
    rows = {r["with"]: r for r in _rows(client, carisoprodol.get_absolute_url())}
    for name in secondary:
        assert rows[name]["evidence"] == ["Secondary source"], name
    drug = Drug.objects.get(slug="aspirin")
    assert _rows(client, drug.get_absolute_url())[0]["evidence"] == ["Secondary source"]


def test_the_comparison_credits_each_drugs_doses_to_its_own_label(client):
    response = client.get(reverse("drugs:compare"), {"a": "carisoprodol", "b": "baclofen"})
    rows = {label: (a, b) for label, a, b in response.context["rows"]}
    soma, baclofen = rows["Dose limits"]
    assert soma.endswith("[SOMA-LABEL]") and "1,400 mg (app default)" in soma.replace(
        "1400", "1,400"
    )
    assert baclofen.endswith("[BACLOFEN-LABEL]") and "80 mg" in baclofen


def test_each_interaction_cell_names_its_column_for_a_phone(client):
    """On a phone the table stacks into cards, each cell labelled from its column heading."""
    html = client.get(reverse("drugs:detail", args=["carisoprodol"])).content.decode()
    table = re.search(r'<table class="[^"]*table-stack[^"]*interactions">(.*?)</table>', html, re.S)
    headings = re.findall(r'<th scope="col">([^<]+)</th>', table.group(1))
    for row in re.findall(r"<tr data-counterpart=[^>]*>(.*?)</tr>", table.group(1), re.S):
        assert re.findall(r'<td data-label="([^"]+)">', row) == headings
