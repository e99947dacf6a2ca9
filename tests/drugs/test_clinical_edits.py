"""A reference editor's change to a clinical value needs a reason, kept in the history, and makes
the row stop citing its source ("edited by a reference editor on <date>") on the public pages
and in the patient's findings, until an edit chooses a source again."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from drugs.admin_forms import REASON_REQUIRED
from drugs.models import Combination, Drug, DrugFact, Interaction, Source
from tests.drugs.admin_posts import change_form_data
from tests.factories import CoMedicationFactory, CourseFactory
from tests.pages import read_dashboard

pytestmark = pytest.mark.django_db

EDIT_DAY = datetime(2026, 3, 5, 10, 0, tzinfo=UTC)
EDITED = "edited by a reference editor on 5 March 2026"


@contextmanager
def _on_edit_day(editor):
    """A reference editor's client on the day of the edit (signed in then: sessions end)."""
    with time_machine.travel(EDIT_DAY, tick=False):
        client = Client()
        client.force_login(editor)
        yield client


def _last_reason(obj) -> str:
    """Return the reason of the row's newest history record (by id: the clock was moved)."""
    return obj.history.order_by("-history_id").first().history_change_reason


def _change_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def rule():
    """Carisoprodol with any benzodiazepine: a major rule citing SOMA-LABEL."""
    return Interaction.objects.get(drug_a__slug="carisoprodol", class_b__slug="benzodiazepine")


@pytest.fixture
def patient(owner):
    """The owner on a carisoprodol course who also takes Xanax: the rule is one of their
    findings."""
    CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=2))
    CoMedicationFactory(owner=owner, name="Xanax")
    client = Client()
    client.force_login(owner)
    return client


def _drug_page(client, slug="carisoprodol") -> str:
    return client.get(reverse("drugs:detail", args=[slug])).content.decode()


def _fact():
    return DrugFact.objects.filter(drug__slug="carisoprodol", kind="side_effect").first()


def _edits():
    """(object, the change of a clinical value) for each kind of clinical row."""
    rule = Interaction.objects.get(drug_b__slug="aspirin")
    drug = Drug.objects.get(slug="carisoprodol")
    combination = Combination.objects.first()
    return [
        (rule, {"severity": "major"}),
        (rule, {"effect": "New effect."}),
        (rule, {"advice": "New advice."}),
        (drug, {"max_daily_mg": "1200"}),
        (drug, {"course_limit_day": "20", "course_hard_limit_day": "21"}),
        (_fact(), {"text": "Drowsiness, new wording"}),
        (combination, {"effect": "A new effect."}),
    ]


@pytest.mark.parametrize(
    "index", range(7), ids=["severity", "effect", "advice", "daily max", "course", "fact", "combo"]
)
def test_a_clinical_edit_without_a_reason_is_refused(editor_client, index):
    obj, changes = _edits()[index]
    url = _change_url(obj)
    before = {name: getattr(obj, name) for name in changes}
    response = editor_client.post(url, change_form_data(editor_client, url, **changes))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["change_reason"] == [REASON_REQUIRED]
    obj.refresh_from_db()
    assert {name: getattr(obj, name) for name in changes} == before


def test_a_non_clinical_edit_needs_no_reason_and_keeps_the_source(editor_client):
    rule = Interaction.objects.get(drug_b__slug="aspirin")
    url = _change_url(rule)
    response = editor_client.post(url, change_form_data(editor_client, url, evidence="label"))
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.evidence == "label" and rule.edited_without_source_at is None


def test_a_reasoned_rule_edit_is_in_the_history_and_shown_as_edited_until_a_source_is_chosen(
    editor_client, reference_editor, rule, patient
):
    assert "Source: SOMA-LABEL (label)" in read_dashboard(patient).html
    url = _change_url(rule)
    with _on_edit_day(reference_editor) as editor:
        data = change_form_data(
            editor, url, severity="moderate", change_reason="Label revised, section 7"
        )
        assert editor.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert _last_reason(rule) == "Label revised, section 7"
    assert rule.source_label == EDITED

    page = _drug_page(Client())
    assert f'<td data-label="Source">{EDITED}</td>' in page
    findings = read_dashboard(patient).html
    assert f"Source: {EDITED} (label)" in findings
    assert "Source: SOMA-LABEL (label)" not in findings

    # A later edit shows the source field empty; choosing a source cites it again.
    form = editor_client.get(url).context["adminform"].form
    assert (
        form["source"].value() is None
        and "edited by a reference editor" in form.fields["source"].help_text
    )
    soma = Source.objects.get(key="SOMA-LABEL")
    data = change_form_data(editor_client, url, source=str(soma.pk))
    assert editor_client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert rule.edited_without_source_at is None
    assert EDITED not in _drug_page(Client())
    assert "Source: SOMA-LABEL (label)" in read_dashboard(patient).html


def test_saving_an_edited_rule_without_choosing_a_source_keeps_the_note(
    editor_client, reference_editor, rule
):
    url = _change_url(rule)
    with _on_edit_day(reference_editor) as editor:
        data = change_form_data(editor, url, advice="Avoid.", change_reason="Typo")
        assert editor.post(url, data).status_code == 302
    response = editor_client.post(url, change_form_data(editor_client, url, evidence="secondary"))
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.source.key == "SOMA-LABEL" and rule.source_label == EDITED


def test_a_limit_edit_is_shown_as_edited_until_a_limits_source_is_chosen(
    editor_client, reference_editor
):
    drug = Drug.objects.get(slug="carisoprodol")
    url = _change_url(drug)
    assert "Limits: SOMA-LABEL." in _drug_page(Client())
    with _on_edit_day(reference_editor) as editor:
        data = change_form_data(
            editor, url, max_daily_mg="1050", change_reason="Prescriber's protocol"
        )
        assert editor.post(url, data).status_code == 302
    drug.refresh_from_db()
    assert _last_reason(drug) == "Prescriber's protocol"
    page = _drug_page(Client())
    assert f"Limits: {EDITED}." in page and "Limits: SOMA-LABEL." not in page

    data = change_form_data(editor_client, url, limits_source=str(drug.limits_source_id))
    assert editor_client.post(url, data).status_code == 302
    assert "Limits: SOMA-LABEL." in _drug_page(Client())


def test_a_fact_edit_is_shown_as_edited_until_a_source_is_chosen(editor_client, reference_editor):
    fact = _fact()
    url = _change_url(fact)
    with _on_edit_day(reference_editor) as editor:
        data = change_form_data(editor, url, text="Sleepiness", change_reason="Plainer words")
        assert editor.post(url, data).status_code == 302
    fact.refresh_from_db()
    assert _last_reason(fact) == "Plainer words"
    assert f'Sleepiness <span class="small text-body-secondary">[{EDITED}]</span>' in (
        _drug_page(Client())
    )
    data = change_form_data(editor_client, url, source=str(fact.source_id))
    assert editor_client.post(url, data).status_code == 302
    fact.refresh_from_db()
    assert fact.source_label == fact.source.key


def test_a_fact_edited_on_its_drugs_page_takes_the_drugs_reason(editor_client):
    drug = Drug.objects.get(slug="carisoprodol")
    url = _change_url(drug)
    data = change_form_data(editor_client, url)
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("facts-") and key.endswith("-id") and value == str(_fact().pk)
    )
    data[f"facts-{index}-text"] = "Sleepiness"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert REASON_REQUIRED in response.content.decode()
    assert _fact().text != "Sleepiness"

    data["change_reason"] = "Plainer words"
    assert editor_client.post(url, data).status_code == 302
    fact = DrugFact.objects.get(text="Sleepiness")
    assert _last_reason(fact) == "Plainer words"
    assert fact.edited_without_source_at is not None
