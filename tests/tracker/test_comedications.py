"""Co-medications: alias matching, unknown names, flags where they appear, stopped entries."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from drugs.models import Drug, Interaction
from tests.drugs.admin_posts import admin_save
from tests.factories import CourseFactory, DrugClassFactory, DrugFactory, InteractionFactory
from tests.pages import first_panel, read_dashboard
from tracker.models import CoMedication

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(owner):
    return CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=3))


def _add(client, name, **extra):
    data = {
        "name": name,
        "dose": "",
        "frequency": "",
        "note": "",
        "start_date": timezone.localdate().isoformat(),
        "stop_date": "",
    }
    data.update(extra)
    return client.post(reverse("comedication_add"), data, follow=True)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    "typed, slug",
    [
        ("xanax", "alprazolam"),
        ("Prilosec", "omeprazole"),
        ("beer", "alcohol"),
        ("  OXYCODONE ", "oxycodone"),
        ("rifampicin", "rifampin"),
    ],
)
def test_a_typed_name_is_linked_to_its_reference_drug(owner_client, owner, typed, slug):
    _add(owner_client, typed)
    comed = CoMedication.objects.get(owner=owner)
    assert comed.checked and [d.slug for d in comed.ingredients.all()] == [slug]
    assert comed.name == typed.strip()


def test_adding_xanax_names_the_interaction_it_creates(owner_client, course):
    response = _add(owner_client, "Xanax", dose="0.5 mg", frequency="at night")
    texts = _messages(response)
    assert any(
        "Major interaction" in t and "Xanax (alprazolam)" in t and "carisoprodol" in t
        for t in texts
    )


def test_adding_something_with_no_rule_says_no_interaction_found_never_safe(owner_client, course):
    response = _add(owner_client, "Tylenol")
    texts = " ".join(_messages(response))
    assert "No interaction found in our reference data" in texts
    assert "safe" not in texts.lower()


def test_an_unknown_name_is_kept_and_shown_as_not_checked(owner_client, owner, course):
    response = _add(owner_client, "Grandma's herbal tea")
    comed = CoMedication.objects.get(owner=owner)
    assert not comed.checked and comed.name == "Grandma's herbal tea"
    assert any("not checked: not in our reference data" in t for t in _messages(response))
    page = owner_client.get(reverse("comedication_list")).content.decode()
    assert "not checked: not in our reference data" in page
    dashboard = owner_client.get(reverse("dashboard")).content.decode()
    assert "Grandma" in dashboard and "not checked" in dashboard


def test_an_unknown_name_is_matched_once_an_admin_adds_the_alias(
    client, owner, course, reference_editor
):
    client.force_login(owner)
    _add(client, "Examplax")  # a name no reference data knows
    benzo_drug = DrugFactory(generic_name="examplazolam")
    benzo_drug.classes.add(Drug.objects.get(slug="alprazolam").classes.get(slug="benzodiazepine"))
    client.force_login(reference_editor)
    response = client.post(
        reverse("admin:drugs_drugalias_add"),
        {"drug": benzo_drug.pk, "name": "Examplax", "kind": "brand"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.force_login(owner)
    page = client.get(reverse("comedication_list")).content.decode()
    assert list(CoMedication.objects.get(owner=owner).ingredients.all()) == [benzo_drug]
    assert "Examplax (examplazolam)" in page and "Major" in page


def test_flags_appear_on_the_dashboard_with_course_findings_most_serious_first(
    owner_client, course
):
    _add(owner_client, "Prilosec")
    _add(owner_client, "Xanax")
    panel = first_panel(owner_client)
    codes = [(f.code, f.severity) for f in panel.findings]
    assert ("interaction", "major") in codes and ("interaction", "moderate") in codes
    levels = [f.level for f in panel.findings]
    assert levels == sorted(levels, reverse=True)
    assert codes.index(("interaction", "major")) < codes.index(("interaction", "moderate"))


def test_the_opioid_benzo_carisoprodol_combination_is_flagged_first(owner_client, course):
    _add(owner_client, "Xanax")
    response = _add(owner_client, "OxyContin")
    assert any("Opioid + benzodiazepine + carisoprodol" in t for t in _messages(response))
    panel = first_panel(owner_client)
    assert panel.findings[0].code == "combination"


@pytest.mark.parametrize("typed", ["Xanax and Percocet", "percocet + xanax"])
def test_the_combination_is_flagged_when_one_entry_holds_the_opioid_and_the_benzo(
    owner_client, course, typed
):
    _add(owner_client, typed)
    panel = first_panel(owner_client)
    assert panel.findings[0].code == "combination"
    assert "Opioid + benzodiazepine + carisoprodol" in panel.findings[0].message


def test_the_course_page_lists_what_the_course_is_taken_with_and_what_is_unchecked(
    owner_client, course
):
    """The course page never reads as an all-clear beside the dashboard's danger."""
    page = owner_client.get(reverse("course_detail", args=[course.pk])).content.decode()
    assert "Dangerous combination" not in page and "not checked" not in page
    for typed in ["Xanax", "OxyContin", "Zyxolinqq"]:
        _add(owner_client, typed)
    page = owner_client.get(reverse("course_detail", args=[course.pk])).content.decode()
    findings = page[page.index('<h2 class="h5">Findings</h2>') :]
    assert "Dangerous combination, Opioid + benzodiazepine + carisoprodol" in findings
    assert "Zyxolinqq: not checked against carisoprodol" in findings
    assert findings.index("Dangerous combination") < findings.index("Zyxolinqq")


def test_the_combination_says_when_to_call_with_the_number_and_outranks_every_badge(
    owner_client, course
):
    _add(owner_client, "Xanax")
    _add(owner_client, "OxyContin")
    html = owner_client.get(reverse("dashboard")).content.decode()
    status = html[
        html.index('class="course-status') : html.index("</div>", html.index("course-status"))
    ]
    assert "If someone is very drowsy, hard to wake or breathing slowly" in status
    assert 'href="tel:911"' in status and "Call 911" in status
    combination = html[html.index('data-finding="combination"') :]
    combination = combination[: combination.index("</summary>")]
    assert "Most dangerous combination" in combination and ">Major<" not in combination
    listed = owner_client.get(reverse("comedication_list")).content.decode()
    assert "Most dangerous combination</span>" in listed


def test_a_product_holding_carisoprodol_and_codeine_is_flagged_as_an_opioid_too(
    owner_client, course
):
    """Its worst rule may be another one (duplicate therapy): the opioid's words are said."""
    _add(owner_client, "Soma Compound with Codeine")
    page = owner_client.get(reverse("comedication_list")).content.decode()
    assert "Additive CNS and respiratory depression" in page
    panel = first_panel(owner_client)
    assert any("Additive CNS and respiratory depression" in f.message for f in panel.findings)


def test_a_clean_result_for_one_entry_still_names_the_entries_not_checked(owner_client, course):
    _add(owner_client, "Zyxolinqq")
    texts = _messages(
        _add(
            owner_client,
            "Prilosec",
            start_date=(timezone.localdate() - timedelta(days=400)).isoformat(),
            stop_date=(timezone.localdate() - timedelta(days=399)).isoformat(),
        )
    )
    assert not any("Still not checked" in t for t in texts)  # not taken today: no check
    texts = _messages(_add(owner_client, "Tylenol"))
    [added] = [t for t in texts if t.startswith("Added Tylenol")]
    assert "No interaction found in our reference data." in added
    assert "Still not checked, not being in our reference data: Zyxolinqq." in added


def test_co_medications_are_flagged_against_each_other(owner_client, owner):
    benzo, opioid = DrugClassFactory(), DrugClassFactory()
    a, b = DrugFactory(generic_name="alpha"), DrugFactory(generic_name="beta")
    a.classes.add(benzo)
    b.classes.add(opioid)
    InteractionFactory(drug_a=None, class_a=benzo, drug_b=None, class_b=opioid, severity="major")
    _add(owner_client, "alpha")
    _add(owner_client, "beta")
    assert [f.severity for f in read_dashboard(owner_client).others] == ["major"]
    page = owner_client.get(reverse("comedication_list"))
    [(first, flags_a), (second, flags_b)] = sorted(page.context["active"], key=lambda x: x[0].name)
    assert len(flags_a) == len(flags_b) == 1


def test_a_stopped_entry_raises_no_current_flag_but_the_history_shows_the_overlap(
    owner_client, owner, course
):
    start = course.start_date
    _add(
        owner_client,
        "Xanax",
        start_date=start.isoformat(),
        stop_date=(start + timedelta(days=1)).isoformat(),
    )
    panel = first_panel(owner_client)
    assert "interaction" not in [f.code for f in panel.findings]
    page = owner_client.get(reverse("comedication_list"))
    [(_, [overlap])] = page.context["stopped"]
    assert (overlap.start, overlap.end) == (start, start + timedelta(days=1))
    assert overlap.finding.severity == "major"
    assert "Taken together with carisoprodol" in page.content.decode()


def test_stop_today_keeps_the_entry(owner_client, owner, course):
    _add(owner_client, "Xanax")
    comed = CoMedication.objects.get()
    owner_client.post(reverse("comedication_stop", args=[comed.pk]))
    comed.refresh_from_db()
    assert comed.stop_date == timezone.localdate()
    # Stopped today still counts today; from tomorrow it is history.


def test_an_admin_severity_change_shows_on_the_next_load(owner_client, course, reference_editor):
    _add(owner_client, "Prilosec")
    panel = first_panel(owner_client)
    assert ("interaction", "moderate") in [(f.code, f.severity) for f in panel.findings]
    rule = Interaction.objects.get(class_b__slug="cyp2c19-inhibitor")
    editor = Client()
    editor.force_login(reference_editor)
    assert admin_save(editor, rule, severity="minor", change_reason="Revised").status_code == 302
    panel = first_panel(owner_client)
    assert ("interaction", "minor") in [(f.code, f.severity) for f in panel.findings]


def test_bad_input_is_refused_and_nothing_saved(owner_client):
    response = _add(owner_client, "\x01\x02 ", start_date="not a date")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the name" in html and "Enter a valid date" in html
    assert "Null characters are not allowed" in _add(owner_client, "Xa\x00nax").content.decode()
    response = _add(
        owner_client,
        "Xanax",
        start_date=timezone.localdate().isoformat(),
        stop_date=(timezone.localdate() - timedelta(days=1)).isoformat(),
    )
    assert "cannot be before the start date" in response.content.decode()
    assert not CoMedication.objects.exists()


def test_editing_relinks_the_name(owner_client, owner):
    _add(owner_client, "Xanax")
    comed = CoMedication.objects.get()
    owner_client.post(
        reverse("comedication_edit", args=[comed.pk]),
        {
            "name": "Valium",
            "start_date": comed.start_date.isoformat(),
            "dose": "",
            "frequency": "",
            "note": "",
        },
    )
    comed.refresh_from_db()
    assert [d.slug for d in comed.ingredients.all()] == ["diazepam"]
    assert comed.edited_at is not None


def test_another_users_entry_answers_404_and_nothing_changes(owner_client, other_patient):
    other = CoMedication.objects.create(
        owner=other_patient, name="Xanax", start_date=timezone.localdate()
    )
    before = list(CoMedication.objects.values())
    for method, name in [
        ("get", "comedication_edit"),
        ("post", "comedication_edit"),
        ("post", "comedication_stop"),
        ("get", "comedication_delete"),
        ("post", "comedication_delete"),
    ]:
        response = getattr(owner_client, method)(
            reverse(name, args=[other.pk]), {"name": "x", "start_date": "2026-01-01"}
        )
        assert response.status_code == 404, name
    assert list(CoMedication.objects.values()) == before


def test_suggestions_match_brands_and_generic_names(client):
    results = client.get(reverse("drugs:suggest"), {"q": "xan"}).json()["results"]
    assert {"value": "Xanax", "label": "Xanax (alprazolam)"} in results
    results = client.get(reverse("drugs:suggest"), {"q": "omep"}).json()["results"]
    assert results[0]["value"] == "omeprazole"
    assert client.get(reverse("drugs:suggest"), {"q": "x"}).json()["results"] == []


def test_loading_interactions_takes_bounded_queries_with_a_large_rule_table(
    owner_client, owner, course, django_assert_max_num_queries
):
    # Guards against loading every rule: the check must only fetch rules touching the user's drugs.
    filler = DrugFactory.create_batch(40)
    for left, right in zip(filler, filler[1:], strict=False):
        InteractionFactory(drug_a=left, drug_b=right)
    for name in ["Xanax", "Prilosec", "beer", "OxyContin", "Unknown herb"]:
        _add(owner_client, name)
    with django_assert_max_num_queries(15):
        owner_client.get(reverse("dashboard"))
    with django_assert_max_num_queries(15):
        owner_client.get(reverse("comedication_list"))
