"""The server posts only to public push services: an endpoint's host is looked up when the
device subscribes and again before each send, and a redirect from it is never followed."""

import socket

import pytest
from django.core.exceptions import ValidationError

from tests.factories import UserFactory
from tests.push_receiver import PushReceiver
from tracker.models import PushSubscription
from tracker.services import push

pytestmark = pytest.mark.django_db

PUBLIC, PRIVATE = "142.250.74.10", "10.0.0.5"


@pytest.fixture
def owner():
    return UserFactory(username="owner")


@pytest.fixture
def device_keys():
    with PushReceiver() as receiver:
        yield receiver.subscription()["keys"]


@pytest.fixture
def dns(monkeypatch):
    """Names resolve to what the test sets, as a resolver told to answer so would."""
    answers: dict[str, list[str]] = {}

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in answers[host]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


def subscribe(owner, endpoint, keys):
    return push.push_subscribe(
        user=owner, endpoint=endpoint, p256dh=keys["p256dh"], auth=keys["auth"]
    )


@pytest.mark.parametrize(
    "endpoint", ["https://127.1/push", "https://0x7f.1/push", "https://[::1]/push"]
)
def test_local_addresses_in_any_spelling_are_refused_at_subscribe(owner, device_keys, endpoint):
    with pytest.raises(ValidationError) as refused:
        subscribe(owner, endpoint, device_keys)
    assert "must be a public push service" in refused.value.message_dict["endpoint"][0]
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize("addresses", [[PRIVATE], [PUBLIC, PRIVATE], ["::1"], ["169.254.169.254"]])
def test_a_name_resolving_inside_the_network_is_refused_at_subscribe(
    owner, device_keys, dns, addresses
):
    dns["push.example.com"] = addresses
    with pytest.raises(ValidationError) as refused:
        subscribe(owner, "https://push.example.com/x", device_keys)
    message = refused.value.message_dict["endpoint"][0]
    assert message.startswith("The push address must be a public push service.")
    assert "Turn notifications off and on again" in message
    assert not PushSubscription.objects.exists()


def test_a_name_that_does_not_resolve_is_refused_at_subscribe(owner, device_keys, dns):
    with pytest.raises(ValidationError, match="cannot be found"):
        subscribe(owner, "https://push.example.com/x", device_keys)


def test_a_name_resolving_to_public_addresses_is_accepted(owner, device_keys, dns):
    dns["push.example.com"] = [PUBLIC, "2a00:1450:4007:80e::200a"]
    assert subscribe(owner, "https://push.example.com/x", device_keys).owner == owner


def test_a_stored_endpoint_now_resolving_inside_the_network_is_not_sent_to(
    owner, device_keys, dns, monkeypatch
):
    dns["push.example.com"] = [PUBLIC]
    device = subscribe(owner, "https://push.example.com/x", device_keys)
    posted = []
    monkeypatch.setattr(push, "webpush", lambda *args, **kwargs: posted.append(args))
    assert push.push_send(subscription=device, payload={"title": "t"}) is True
    dns["push.example.com"] = [PRIVATE]  # the name was pointed inside since
    assert push.push_send(subscription=device, payload={"title": "t"}) is False
    assert push.push_send_test(user=owner) == 0
    assert len(posted) == 1
    assert PushSubscription.objects.filter(pk=device.pk).exists()  # a later run looks again


def test_a_redirect_from_the_push_service_is_not_followed(owner, settings):
    settings.PUSH_ALLOW_LOCAL_ENDPOINTS = True  # the local receiver stands in for the service
    with PushReceiver() as receiver:
        info = receiver.subscription("/push/device-1")
        device = subscribe(owner, info["endpoint"], info["keys"])
        receiver.status = 307
        receiver.location = receiver.subscription("/internal/admin")["endpoint"]
        assert push.push_send(subscription=device, payload={"title": "t"}) is False
    assert [path for path, _, _ in receiver.requests] == ["/push/device-1"]
    assert PushSubscription.objects.filter(pk=device.pk).exists()


def test_a_name_pointed_inside_between_the_look_up_and_the_connection_is_not_posted_to(
    owner, dns, monkeypatch
):
    """DNS rebinding: the look-up before the send says public, the connection then goes to
    127.0.0.1 (the local receiver): the connected address is checked too."""
    with PushReceiver() as receiver:
        info = receiver.subscription("/push/device-1")
        port = info["endpoint"].split(":")[2].split("/")[0]
        endpoint = f"http://rebind.example:{port}/push/device-1"
        device = PushSubscription.objects.create(
            owner=owner, endpoint=endpoint, p256dh=info["keys"]["p256dh"], auth=info["keys"]["auth"]
        )
        answers = iter([[PUBLIC], ["127.0.0.1"]])
        lookups = []

        def rebinding(host, port, *args, **kwargs):
            lookups.append(host)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in next(answers)]

        monkeypatch.setattr(socket, "getaddrinfo", rebinding)
        assert push.push_send(subscription=device, payload={"title": "t"}) is False
    assert lookups == ["rebind.example", "rebind.example"]  # both looked up: the test is real
    assert receiver.requests == []
