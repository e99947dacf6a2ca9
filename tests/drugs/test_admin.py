"""The admin: reference editors edit the drugs app and nothing else; patients never get in."""

import pytest
from django.urls import reverse

from drugs.models import Drug, DrugAlias, DrugClass, DrugFact, Interaction, Product, Source

pytestmark = pytest.mark.django_db

MODELS = [Drug, DrugClass, DrugAlias, DrugFact, Interaction, Source, Product]


def _urls(model):
    meta = model._meta
    obj = model.objects.first()
    yield reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    yield reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
    yield reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    yield reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[obj.pk])


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_reference_admin_page_loads_for_a_reference_editor(editor_client, model):
    for url in _urls(model):
        assert editor_client.get(url).status_code == 200, url


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_patient_cannot_reach_the_admin(owner_client, model):
    for url in _urls(model):
        response = owner_client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login"))


def test_the_drug_list_searches_aliases(editor_client):
    response = editor_client.get(reverse("admin:drugs_drug_changelist"), {"q": "xanax"})
    assert list(response.context["cl"].result_list) == [Drug.objects.get(slug="alprazolam")]


def test_the_interaction_list_filters_by_severity_and_evidence(editor_client):
    response = editor_client.get(
        reverse("admin:drugs_interaction_changelist"),
        {"severity__exact": "minor", "evidence__exact": "secondary"},
    )
    results = list(response.context["cl"].result_list)
    assert results and all(r.severity == "minor" and r.evidence == "secondary" for r in results)


def test_the_drug_page_shows_its_interactions(editor_client, carisoprodol):
    response = editor_client.get(reverse("admin:drugs_drug_change", args=[carisoprodol.pk]))
    assert "Benzodiazepine" in response.content.decode()


def test_a_reference_editor_cannot_manage_users(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def _interaction_post(rule, **changes):
    data = {
        "drug_a": rule.drug_a_id or "",
        "class_a": rule.class_a_id or "",
        "drug_b": rule.drug_b_id or "",
        "class_b": rule.class_b_id or "",
        "severity": rule.severity,
        "effect": rule.effect,
        "advice": rule.advice,
        "evidence": rule.evidence,
        "source": rule.source_id,
    }
    data.update(changes)
    return data


def test_an_edit_is_recorded_with_who_what_and_why(editor_client, reference_editor):
    rule = Interaction.objects.get(drug_b__slug="aspirin")
    url = reverse("admin:drugs_interaction_change", args=[rule.pk])
    data = _interaction_post(rule, severity="moderate", change_reason="Label revised")
    response = editor_client.post(url, data)
    assert response.status_code == 302
    latest = rule.history.latest()
    assert latest.severity == "moderate"
    assert latest.history_user == reference_editor
    assert latest.history_type == "~"
    assert latest.history_change_reason == "Label revised"
    assert latest.prev_record.severity == "minor"


def test_a_duplicate_rule_gets_a_validation_error_not_a_500(editor_client):
    rule = Interaction.objects.get(drug_b__slug="aspirin")
    reversed_sides = _interaction_post(rule, drug_a=rule.drug_b_id, drug_b=rule.drug_a_id)
    before = Interaction.objects.count()
    response = editor_client.post(reverse("admin:drugs_interaction_add"), reversed_sides)
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Interaction.objects.count() == before


def test_a_drug_with_itself_gets_a_validation_error(editor_client, carisoprodol):
    rule = Interaction.objects.get(drug_b__slug="aspirin")
    data = _interaction_post(rule, drug_a=carisoprodol.pk, drug_b=carisoprodol.pk)
    response = editor_client.post(reverse("admin:drugs_interaction_add"), data)
    assert response.status_code == 200
    assert "itself" in response.content.decode()


def _drug_post(drug, **changes):
    data = {
        "generic_name": drug.generic_name,
        "slug": drug.slug,
        "rxcui": drug.rxcui,
        "kind": drug.kind,
        "schedule": drug.schedule,
        "classes": [c.pk for c in drug.classes.all()],
        "sources": [s.pk for s in drug.sources.all()],
        "app_defaults": "[]",
        "aliases-TOTAL_FORMS": 0,
        "aliases-INITIAL_FORMS": 0,
        "facts-TOTAL_FORMS": 0,
        "facts-INITIAL_FORMS": 0,
    }
    for field in ["dose_min_mg", "dose_max_mg", "max_daily_mg", "min_hours_between"]:
        value = getattr(drug, field)
        data[field] = "" if value is None else str(value)
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"dose_min_mg": "-5"}, "greater than or equal to 0"),
        ({"dose_min_mg": "400", "dose_max_mg": "300"}, "maximum cannot be below the minimum"),
    ],
)
def test_bad_drug_values_get_a_validation_error(editor_client, changes, message):
    drug = Drug.objects.get(slug="ibuprofen")
    response = editor_client.post(
        reverse("admin:drugs_drug_change", args=[drug.pk]), _drug_post(drug, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    drug.refresh_from_db()
    assert drug.dose_min_mg is None
