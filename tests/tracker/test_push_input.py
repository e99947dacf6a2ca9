"""A push subscription is refused unless it points at a public https push service with valid
keys: the server posts to whatever address a browser gives."""

import base64

import pytest

from tracker.rules.push_input import endpoint_error, subscription_errors

KEY = base64.urlsafe_b64encode(b"\x04" + b"k" * 64).decode().rstrip("=")
AUTH = base64.urlsafe_b64encode(b"a" * 16).decode().rstrip("=")


def test_a_public_https_endpoint_with_valid_keys_is_accepted():
    endpoint = "https://fcm.googleapis.com/fcm/send/abc"
    assert subscription_errors(endpoint=endpoint, p256dh=KEY, auth=AUTH) == {}


@pytest.mark.parametrize(
    "endpoint",
    [
        "",
        "http://push.example.com/x",
        "ftp://push.example.com/x",
        "https://localhost/x",
        "https://127.0.0.1/x",
        "https://10.0.0.5/x",
        "https://192.168.1.1:8443/x",
        "https://[::1]/x",
        "https://127.1/x",  # 127.0.0.1 to the resolver
        "https://0x7f.1/x",
        "https://2130706433./x",
        "https://169.254.169.254/latest",
        "https://intranet/x",
        "https://user:pw@push.example.com/x",
        "https://push.example.com:99999/x",
        "https://push.example.com/" + "x" * 1000,
        "not a url",
    ],
)
def test_endpoints_inside_the_network_or_not_https_are_refused(endpoint):
    assert endpoint_error(endpoint) is not None


def test_local_endpoints_are_allowed_only_when_the_setting_says_so():
    assert endpoint_error("http://127.0.0.1:8001/push", allow_local=True) is None
    assert endpoint_error("http://127.0.0.1:8001/push") is not None


def test_bad_keys_are_named_with_what_to_do():
    errors = subscription_errors(
        endpoint="https://push.example.com/x",
        p256dh=base64.urlsafe_b64encode(b"\x04short").decode(),
        auth="***",
    )
    assert set(errors) == {"p256dh", "auth"}
    assert "Turn notifications off and on again" in errors["auth"]
