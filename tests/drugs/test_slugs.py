"""Web addresses of reference rows: readable for any script, never empty, never a page's."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import get_resolver

from drugs.slugs import RESERVED_DRUG_SLUGS, reference_slug
from tests.factories import DrugFactory


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Carisoprodol", "carisoprodol"),
        ("морфин", "morfin"),
        ("モルヒネ", "moruhine"),
        ("Ünïcödé", "unicode"),
        ("!!!", ""),
        ("💊", ""),
        ("  -  ", ""),
    ],
)
def test_a_name_gets_a_transliterated_slug_or_none(name, slug):
    assert reference_slug(name, prefix="drug") == slug


def test_letters_without_a_transliteration_get_a_stable_hash_slug():
    slug = reference_slug("𠀀𠀁", prefix="drug")
    assert slug.startswith("drug-") and slug == reference_slug("𠀀𠀁", prefix="drug")
    assert slug != reference_slug("𠀀", prefix="drug")


def test_a_slug_fits_its_column_without_a_trailing_hyphen():
    slug = reference_slug("ab " * 100, prefix="drug")
    assert len(slug) <= 120 and not slug.endswith("-")


def test_every_fixed_drug_page_address_is_reserved():
    drugs_urls = get_resolver().url_patterns
    patterns = next(p for p in drugs_urls if getattr(p, "namespace", None) == "drugs")
    fixed = {
        str(p.pattern).split("/")[0] for p in patterns.url_patterns if "<" not in str(p.pattern)
    }
    assert fixed - {""} == RESERVED_DRUG_SLUGS


@pytest.mark.django_db
def test_a_drug_cannot_take_a_pages_address():
    with pytest.raises(ValidationError, match="address of another page"):
        DrugFactory.build(generic_name="Compare", slug="compare").full_clean()
