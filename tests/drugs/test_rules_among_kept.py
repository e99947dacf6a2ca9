"""The rules among a set of drugs are reference data alone: built once per reference version
and set, shared by every patient on those drugs, built again after any reference change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from drugs.changes import reference_changed
from drugs.interaction_data import reference_among
from drugs.models import Drug, Interaction, ReferenceVersion
from tests.factories import DrugFactory, InteractionFactory

pytestmark = pytest.mark.django_db


def _ids(*slugs) -> set[int]:
    return set(Drug.objects.filter(slug__in=slugs).values_list("pk", flat=True))


def _among(ids) -> tuple:
    with CaptureQueriesContext(connection) as captured:
        among = reference_among(ids)
    return among, len(captured.captured_queries)


def test_a_second_read_of_the_same_set_reads_only_the_version():
    ids = _ids("carisoprodol", "oxycodone", "alprazolam")
    first, built = _among(ids)
    again, reread = _among(set(ids))  # any order, any container: the same set
    assert again is first
    assert reread == 1 < built
    assert first.rules and first.classes  # oxycodone and alprazolam meet carisoprodol's rules


def test_a_caller_that_has_the_version_pays_no_query():
    ids = _ids("carisoprodol", "oxycodone")
    _among(ids)
    with CaptureQueriesContext(connection) as captured:
        reference_among(ids, ReferenceVersion.current())
    assert len(captured.captured_queries) == 1  # the caller's own read of the version


def test_a_reference_change_is_read_at_once():
    newcomer = DrugFactory()
    ids = _ids("carisoprodol") | {newcomer.pk}
    before, _ = _among(ids)
    caris = Drug.objects.get(slug="carisoprodol")
    rule = InteractionFactory(drug_a=caris, drug_b=newcomer, effect="A new rule from an edit.")
    reference_changed()
    after, _ = _among(ids)
    assert rule.pk not in {r.id for r in before.rules}
    assert rule.pk in {r.id for r in after.rules}
    Interaction.objects.filter(pk=rule.pk).delete()
    reference_changed()
    assert rule.pk not in {r.id for r in _among(ids)[0].rules}


def test_different_sets_are_kept_apart():
    with_opioid, _ = _among(_ids("carisoprodol", "oxycodone"))
    alone, _ = _among(_ids("carisoprodol"))
    oxycodone = Drug.objects.get(slug="oxycodone")
    assert oxycodone.pk in with_opioid.classes and oxycodone.pk not in alone.classes
    assert len(alone.rules) < len(with_opioid.rules)
