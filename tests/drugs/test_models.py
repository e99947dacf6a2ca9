"""Reference models: alias search, symmetric rules, and validation of bad values."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from drugs.models import Drug, Interaction
from tests.factories import (
    DrugClassFactory,
    DrugFactory,
    InteractionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["soma", "SOMA", "Soma", "carisoprodol", "CARISO"])
def test_search_finds_carisoprodol_by_name_or_brand(text):
    assert list(Drug.objects.search(text).values_list("slug", flat=True)) == ["carisoprodol"]


def test_search_returns_each_drug_once_even_with_several_matching_aliases():
    results = list(Drug.objects.search("o"))
    assert len(results) == len(set(results))
    assert Drug.objects.get(slug="baclofen") in results


def test_a_rule_is_found_from_either_side():
    a, b = DrugFactory(), DrugFactory()
    rule = InteractionFactory(drug_a=a, drug_b=b)
    assert list(Interaction.objects.touching([a.id], [])) == [rule]
    assert list(Interaction.objects.touching([b.id], [])) == [rule]


def test_the_reversed_pair_is_the_same_rule_and_refused():
    a, b = DrugFactory(), DrugFactory()
    InteractionFactory(drug_a=a, drug_b=b)
    reversed_rule = Interaction(
        drug_a=b, drug_b=a, severity="minor", effect="x", advice="y", source=SourceFactory()
    )
    with pytest.raises(ValidationError, match="already exists"):
        reversed_rule.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        reversed_rule.save()


def test_a_class_to_drug_rule_matches_its_reverse():
    drug, drug_class = DrugFactory(), DrugClassFactory()
    InteractionFactory(drug_a=drug, drug_b=None, class_b=drug_class)
    rule = Interaction(
        class_a=drug_class,
        drug_b=drug,
        severity="minor",
        effect="x",
        advice="y",
        source=SourceFactory(),
    )
    with pytest.raises(ValidationError, match="already exists"):
        rule.full_clean()


def test_a_drug_cannot_interact_with_itself():
    drug = DrugFactory()
    rule = Interaction(
        drug_a=drug, drug_b=drug, severity="minor", effect="x", advice="y", source=SourceFactory()
    )
    with pytest.raises(ValidationError, match="itself"):
        rule.full_clean()


def test_a_side_must_be_a_drug_or_a_class_not_both():
    rule = Interaction(
        drug_a=DrugFactory(),
        class_a=DrugClassFactory(),
        drug_b=DrugFactory(),
        severity="minor",
        effect="x",
        advice="y",
        source=SourceFactory(),
    )
    with pytest.raises(ValidationError):
        rule.full_clean()


def test_negative_mg_is_refused():
    drug = DrugFactory.build(dose_min_mg=Decimal("-1"))
    with pytest.raises(ValidationError) as error:
        drug.full_clean(exclude=["sources"])
    assert "dose_min_mg" in error.value.message_dict


def test_a_per_dose_maximum_below_its_minimum_is_refused():
    drug = DrugFactory.build(dose_min_mg=Decimal("350"), dose_max_mg=Decimal("250"))
    with pytest.raises(ValidationError, match="maximum cannot be below the minimum"):
        drug.full_clean(exclude=["sources"])


def test_course_days_must_be_in_order():
    drug = DrugFactory.build(course_caution_day=15, course_limit_day=14, course_hard_limit_day=21)
    with pytest.raises(ValidationError) as error:
        drug.full_clean(exclude=["sources"])
    assert "course_limit_day" in error.value.message_dict


def test_app_defaults_must_name_real_fields():
    drug = DrugFactory.build(app_defaults=["max_daily_mg", "no_such_field"])
    with pytest.raises(ValidationError, match="no_such_field"):
        drug.full_clean(exclude=["sources"])


def test_an_alias_cannot_belong_to_two_drugs_in_any_case():
    from drugs.models import DrugAlias

    alias = DrugAlias(drug=DrugFactory(), name="xANAX")
    with pytest.raises(ValidationError):
        alias.full_clean()
