"""The names a patient types, looked up against the reference data as migrated into the
database (drugs/name_lookup.py), and the class rules every member meets there."""

import pytest

from drugs.interaction_data import combinations_among, rules_among
from drugs.interactions import Agent, check
from drugs.lookups import class_ids_by_drug
from drugs.models import Drug
from drugs.name_lookup import drug_ids, look_up
from drugs.names import read_reference
from tests.drugs.test_names import BRANDS, OTHER_NAMES, VARIANTS

pytestmark = pytest.mark.django_db

NAMES = read_reference()
TYPED = {
    typed: expected if isinstance(expected, set) else {expected}
    for typed, expected in {**BRANDS, **OTHER_NAMES, **VARIANTS}.items()
}
MEMBERS = {
    slug: [row["generic_name"] for row in NAMES["ingredients"] if slug in row["classes"]]
    for slug in ("opioid", "benzodiazepine")
}


def test_at_least_250_typed_names_are_checked_against_the_database():
    assert len(TYPED) >= 250


@pytest.mark.parametrize("typed", sorted(TYPED))
def test_a_typed_name_stands_for_the_same_ingredients_in_the_database(typed):
    found = look_up(typed)
    assert found.fully_checked, found
    assert set(found.ingredients) == TYPED[typed]
    assert set(drug_ids(found.ingredients)) == TYPED[typed]  # each is a drug row


def _agent(key: str, generic_names, classes) -> Agent:
    ids = frozenset(drug_ids(generic_names).values())
    return Agent(key, key, ids, frozenset().union(*(classes.get(i, frozenset()) for i in ids)))


def _triple_alert(opioid: str, benzodiazepine: str) -> bool:
    course = Drug.objects.get(slug="carisoprodol")
    ids = {course.pk, *drug_ids([opioid, benzodiazepine]).values()}
    classes = class_ids_by_drug(ids)
    class_ids = set().union(*classes.values())
    agents = [
        Agent("course", "carisoprodol", frozenset({course.pk}), classes.get(course.pk)),
        _agent("opioid", [opioid], classes),
        _agent("benzodiazepine", [benzodiazepine], classes),
    ]
    found = check(agents, rules_among(ids, class_ids), combinations_among(ids, class_ids))
    return any(f.combination and len(f.agents) == 3 for f in found)


@pytest.mark.parametrize("opioid", MEMBERS["opioid"])
def test_every_opioid_with_a_benzodiazepine_raises_the_three_way_alert(opioid):
    assert _triple_alert(opioid, "alprazolam")


@pytest.mark.parametrize("benzodiazepine", MEMBERS["benzodiazepine"])
def test_every_benzodiazepine_with_an_opioid_raises_the_three_way_alert(benzodiazepine):
    assert _triple_alert("oxycodone", benzodiazepine)
