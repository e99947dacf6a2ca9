"""The drug and class pages are built once per reference version and kept in the process."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drugs.changes import reference_changed
from drugs.models import Drug, DrugClass

pytestmark = pytest.mark.django_db

PAGES = [("drugs:detail", "carisoprodol"), ("drugs:class_detail", "opioid")]


def _load(client, url_name, slug) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(url_name, args=[slug]))
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


@pytest.mark.parametrize(("url_name", "slug"), PAGES)
def test_a_reload_reads_only_the_reference_version(client, url_name, slug):
    first, built = _load(client, url_name, slug)
    again, reloaded = _load(client, url_name, slug)
    assert again == first
    assert reloaded == 1 < built  # the version, nothing else


@pytest.mark.parametrize(("url_name", "slug"), PAGES)
def test_a_reference_edit_shows_on_the_next_load(client, url_name, slug):
    """Every reference change moves the version (drugs/changes.py): the page is built again."""
    _load(client, url_name, slug)
    Drug.objects.filter(slug="hydrocodone").update(generic_name="hydrocodone-edited")
    Drug.objects.filter(slug="carisoprodol").update(mechanism="An edited mechanism.")
    DrugClass.objects.filter(slug="opioid").update(description="An edited description.")
    stale, _ = _load(client, url_name, slug)
    assert "edited" not in stale  # kept: the edit was not announced, as no writer does
    reference_changed()
    fresh, _ = _load(client, url_name, slug)
    assert "edited" in fresh


def test_pages_of_different_drugs_are_kept_apart(client):
    soma, _ = _load(client, "drugs:detail", "carisoprodol")
    baclofen, _ = _load(client, "drugs:detail", "baclofen")
    assert "Carisoprodol" in soma and "Carisoprodol" not in baclofen.split("<h1", 1)[1][:200]
    assert "Baclofen" in baclofen.split("<h1", 1)[1][:200]


def test_an_unknown_drug_is_still_a_404(client):
    assert client.get(reverse("drugs:detail", args=["no-such-drug"])).status_code == 404
    assert client.get(reverse("drugs:detail", args=["no-such-drug"])).status_code == 404
