"""JSON nested past Python's recursion limit, sent to every endpoint that reads a JSON body:
refused like any other body that is not JSON the endpoint takes, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

DEEP = ("[" * 100_000 + "]" * 100_000).encode()


@pytest.mark.parametrize("name", ["push_action_taken", "push_action_snooze"])
def test_the_public_push_actions_refuse_it(name):
    response = Client(raise_request_exception=False).post(
        reverse(name), DEEP, content_type="application/json"
    )
    assert response.status_code in (400, 404)


@pytest.mark.parametrize("name", ["dose_sync", "push_subscribe", "push_unsubscribe"])
def test_the_signed_in_endpoints_refuse_it(owner, name):
    client = Client(raise_request_exception=False)
    client.force_login(owner)
    response = client.post(reverse(name), DEEP, content_type="application/json")
    assert response.status_code < 500
