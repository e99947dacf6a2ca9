"""Every way the admin changes reference data moves the reference version, and links typed
co-medication names the change made known: no signal does it behind the editor's back."""

import io

import pytest
from django.urls import reverse

from drugs.models import Drug, DrugAlias, DrugClass, Interaction, Product, ReferenceVersion
from tests.drugs.admin_posts import admin_save
from tests.factories import DrugAliasFactory, InteractionFactory, UserFactory
from tracker.models import CoMedication

pytestmark = pytest.mark.django_db


def _edit_a_limit(client):
    drug = Drug.objects.get(slug="carisoprodol")
    return admin_save(client, drug, course_caution_day="9", change_reason="Label revised")


def _edit_a_severity(client):
    rule = Interaction.objects.get(drug_b__slug="aspirin")
    return admin_save(client, rule, severity="moderate", change_reason="Label revised")


def _add_a_class_to_a_drug(client):
    drug = Drug.objects.get(slug="aspirin")
    classes = [str(pk) for pk in drug.classes.values_list("pk", flat=True)]
    added = DrugClass.objects.exclude(drugs=drug).first()
    return admin_save(client, drug, classes=[*classes, str(added.pk)])


def _add_an_alias(client):
    drug = Drug.objects.get(slug="alprazolam")
    return client.post(
        reverse("admin:drugs_drugalias_add"), {"drug": drug.pk, "name": "Newbrand", "kind": "brand"}
    )


def _delete_an_alias(client):
    alias = DrugAliasFactory()
    return client.post(reverse("admin:drugs_drugalias_delete", args=[alias.pk]), {"post": "yes"})


def _add_a_product(client):
    ingredients = Drug.objects.filter(slug__in=["oxycodone", "ibuprofen"])
    return client.post(
        reverse("admin:drugs_product_add"),
        {
            "name": "Combunox",
            "slug": "combunox",
            "ingredients": [d.pk for d in ingredients],
            "source": Product.objects.get(name="Percocet").source_id,
            "active": "on",
            "other_names-TOTAL_FORMS": "0",
            "other_names-INITIAL_FORMS": "0",
        },
    )


def _add_another_name_to_a_product(client):
    product = Product.objects.get(name="Percocet")
    return admin_save(
        client,
        product,
        **{"other_names-TOTAL_FORMS": "1", "other_names-0-name": "Percocet tablets"},
    )


def _delete_a_product(client):
    product = Product.objects.get(name="Xodol")
    return client.post(reverse("admin:drugs_product_delete", args=[product.pk]), {"post": "yes"})


def _delete_rules_from_the_list(client):
    rules = [InteractionFactory(), InteractionFactory()]
    return client.post(
        reverse("admin:drugs_interaction_changelist"),
        {"action": "delete_selected", "_selected_action": [r.pk for r in rules], "post": "yes"},
    )


def _import_a_csv(client):
    upload = io.BytesIO(b"type,name,other\nalias,Newbrand,alprazolam\n")
    upload.name = "more.csv"
    return client.post(reverse("admin:drugs_interaction_import"), {"file": upload})


ADMIN_ACTIONS = [
    _edit_a_limit,
    _edit_a_severity,
    _add_a_class_to_a_drug,
    _add_an_alias,
    _delete_an_alias,
    _add_a_product,
    _add_another_name_to_a_product,
    _delete_a_product,
    _delete_rules_from_the_list,
    _import_a_csv,
]


@pytest.mark.parametrize("action", ADMIN_ACTIONS, ids=lambda a: a.__name__.strip("_"))
def test_every_admin_change_moves_the_reference_version(editor_client, action):
    before = ReferenceVersion.current()
    response = action(editor_client)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ReferenceVersion.current() > before


@pytest.mark.parametrize("action", [_add_an_alias, _import_a_csv], ids=["add", "import"])
def test_a_name_the_admin_makes_known_is_linked_at_once(editor_client, action):
    patient = UserFactory(username="patient")
    typed = CoMedication.objects.create(owner=patient, name="newbrand", start_date="2026-01-02")
    action(editor_client)
    typed.refresh_from_db()
    assert typed.checked and list(typed.ingredients.all()) == [Drug.objects.get(slug="alprazolam")]
    assert DrugAlias.objects.filter(name="Newbrand").exists()
