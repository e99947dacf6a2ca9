import pytest

from tests.push_receiver import PushReceiver


@pytest.fixture
def receiver(settings):
    """A push service on this machine (tests/push_receiver.py), allowed as an endpoint while the
    test runs: the app refuses local endpoints otherwise."""
    settings.PUSH_ALLOW_LOCAL_ENDPOINTS = True
    with PushReceiver() as running:
        yield running
