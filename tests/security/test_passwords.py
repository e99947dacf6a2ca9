"""The password policy: stated before typing, enforced on every page that sets a password."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import PASSWORD
from tracker.password_validation import BreachedPasswordValidator

pytestmark = pytest.mark.django_db

RULES = [
    "too similar to your other personal information",
    "at least 12 characters",
    "a commonly used password",
    "entirely numeric",
    "leaked in a known data breach",
]


def _signup(client, username, password):
    return client.post(
        reverse("signup"),
        {
            "username": username,
            "email": f"{username}@example.org",
            "time_zone": "UTC",
            "password1": password,
            "password2": password,
        },
    )


def _reset_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])


def test_the_signup_page_lists_every_rule_under_the_password_field(client):
    html = client.get(reverse("signup")).content.decode()
    hint = html[html.index('id="id_password1_helptext"') :]
    assert 'aria-describedby="id_password1_helptext"' in html  # read out on entering the field
    for rule in RULES:
        assert rule in hint, rule


def test_the_change_and_reset_pages_list_every_rule(owner_client, owner):
    pages = [
        owner_client.get(reverse("password_change")),
        owner_client.get(_reset_link(owner), follow=True),  # Django moves the token to the session
    ]
    for page in pages:
        html = page.content.decode()
        assert 'id="id_new_password1_helptext"' in html
        for rule in RULES:
            assert rule in html, rule


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("shorty", "violetmoon7", "It must contain at least 12 characters"),
        ("commoner", "gettherefast", "This password is too common"),
        ("counter", "839274619283746", "This password is entirely numeric"),
        ("marguerite.lefebvre", "marguerite.lefebvre1", "too similar to the username"),
        ("leaky", "whosyourdaddy", "leaked in a data breach"),
    ],
    ids=["too-short", "common", "numeric", "similar", "breached"],
)
def test_signup_refuses_a_password_that_breaks_a_rule_and_says_why(
    client, username, password, message
):
    response = _signup(client, username, password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(username=username).exists()


def test_a_long_uncommon_passphrase_is_accepted(client):
    response = _signup(client, "newcomer", "copper kettle under snow")
    assert response.status_code == 302


def test_the_password_change_page_refuses_a_breached_password(owner_client, owner):
    response = owner_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "WhosYourDaddy",
            "new_password2": "WhosYourDaddy",
        },
    )
    assert "leaked in a data breach" in response.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_the_reset_page_refuses_a_short_password(client, owner):
    form_url = client.get(_reset_link(owner)).url
    response = client.post(form_url, {"new_password1": "short-one", "new_password2": "short-one"})
    assert "at least 12 characters" in response.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_the_breach_list_ignores_case_and_surrounding_spaces():
    validator = BreachedPasswordValidator()
    for leaked in ["password", "Qwerty123456", " whosyourdaddy "]:
        with pytest.raises(ValidationError, match="leaked"):
            validator.validate(leaked)
    validator.validate("copper kettle under snow")
