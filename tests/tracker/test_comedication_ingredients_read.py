"""The ingredients read with a user's co-medications, and read again once they change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CoMedicationFactory
from tracker.models import CoMedication
from tracker.services.linking import link_to_reference

pytestmark = pytest.mark.django_db


def test_the_ingredients_of_every_entry_come_with_the_list(owner):
    for name in ["Xanax", "Percocet", "beer"]:
        CoMedicationFactory(owner=owner, name=name)
    with CaptureQueriesContext(connection) as captured:
        names = {c.name: c.ingredient_names for c in CoMedication.objects.for_owner(owner)}
    assert len(captured.captured_queries) == 2  # the entries, then all their ingredients
    assert names == {
        "Xanax": "alprazolam",
        "Percocet": "acetaminophen + oxycodone",
        "beer": "alcohol",
    }


def test_an_entry_linked_again_shows_its_new_ingredients(owner):
    CoMedicationFactory(owner=owner, name="Xanax")
    comed = CoMedication.objects.for_owner(owner).get()
    assert comed.ingredient_names == "alprazolam"
    comed.name = "Percocet"
    link_to_reference(comed)
    assert comed.ingredient_names == "acetaminophen + oxycodone"
