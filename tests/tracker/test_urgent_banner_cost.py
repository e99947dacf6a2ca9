"""Every signed-in page asks for open urgent check-ins: without any, the question is cheap."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _checkin_queries(client) -> list[str]:
    client.get(reverse("dose_history"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dose_history")).status_code == 200
    return [q["sql"] for q in captured.captured_queries if '"tracker_checkin"' in q["sql"]]


def test_without_an_urgent_checkin_the_banner_asks_one_query_with_no_join(owner_client):
    """Guards against reading the notices' course, drug and symptoms on every page."""
    queries = _checkin_queries(owner_client)
    assert len(queries) == 1
    assert "JOIN" not in queries[0].upper()
