"""Sensitive actions ask for the password again when it was not entered in the last
REAUTH_MINUTES; the confirm page counts wrong passwords towards the lockout and only ever sends
the user to a page of this site."""

import io
import json
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, signed_in_device
from tracker.models import Course, Device, Profile
from tracker.reauth import PASSWORD_CONFIRMED, recent_password_required

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-pass-99"
DOWNLOADS = ["export_json", "export_doses_csv", "export_comedications_csv", "export_fhir"]
FORM_PAGES = ["import_json", "password_change", "delete_account"]


@pytest.fixture
def signed_in(client, owner, clock):
    """The owner's browser, logged in with the password a moment ago."""
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 302
    return client


def _later(clock, minutes: float) -> None:
    clock.shift(timedelta(minutes=minutes))


def _asked_to_confirm(response, next_path: str) -> bool:
    if response.status_code != 302:
        return False
    url = urlparse(response.url)
    return url.path == reverse("password_confirm") and parse_qs(url.query)["next"] == [next_path]


def _confirm(client, password=PASSWORD, next_path="/settings/", **extra):
    return client.post(
        reverse("password_confirm"), {"password": password, "next": next_path}, **extra
    )


@pytest.mark.parametrize("name", DOWNLOADS + FORM_PAGES)
def test_a_sensitive_page_asks_for_the_password_once_it_is_ten_minutes_old(signed_in, clock, name):
    url = reverse(name)
    _later(clock, 9)
    assert signed_in.get(url).status_code == 200  # entered at log-in, 9 minutes ago
    _later(clock, 2)
    assert _asked_to_confirm(signed_in.get(url), url)
    response = _confirm(signed_in, next_path=url)
    assert response.status_code == 302 and response.url == url
    assert signed_in.get(url).status_code == 200


@pytest.mark.parametrize("name", DOWNLOADS)
def test_a_stale_download_sends_no_data(signed_in, clock, name):
    _later(clock, 11)
    response = signed_in.get(reverse(name))
    assert "Content-Disposition" not in response
    assert response.content == b""


def test_a_query_string_survives_the_confirmation(signed_in, clock):
    _later(clock, 11)
    url = reverse("export_json") + "?x=1"
    assert _asked_to_confirm(signed_in.get(url), url)
    assert _confirm(signed_in, next_path=url).url == url


def test_a_stale_import_post_imports_nothing_and_comes_back_to_the_form(signed_in, clock, owner):
    exported = json.dumps({"format": "x"}).encode()
    _later(clock, 11)
    response = signed_in.post(
        reverse("import_json"), {"file": io.BytesIO(exported)}, format="multipart"
    )
    assert _asked_to_confirm(response, reverse("import_json"))
    assert not Course.objects.filter(owner=owner).exists()
    page = signed_in.get(response.url)
    assert "Nothing was changed yet: confirm your password, then do it again." in page.text


def test_a_stale_password_change_changes_nothing(signed_in, clock, owner):
    _later(clock, 11)
    response = signed_in.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert _asked_to_confirm(response, reverse("password_change"))
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_a_fresh_password_change_works(signed_in, clock, owner):
    _later(clock, 11)
    _confirm(signed_in)
    response = signed_in.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)
    assert signed_in.get(reverse("dashboard")).status_code == 200  # this session is kept


def test_a_stale_account_deletion_deletes_nothing(signed_in, clock, owner):
    _later(clock, 11)
    response = signed_in.post(reverse("delete_account"), {"password": PASSWORD})
    assert _asked_to_confirm(response, reverse("delete_account"))
    assert get_user_model().objects.filter(pk=owner.pk).exists()
    _confirm(signed_in)
    signed_in.post(reverse("delete_account"), {"password": PASSWORD})
    assert not get_user_model().objects.filter(pk=owner.pk).exists()


def _settings_form(email: str, zone: str = "UTC") -> dict:
    return {"time_zone": zone, "dose_times": "", "email": email}


def test_a_stale_email_change_changes_nothing(signed_in, clock, owner):
    _later(clock, 11)
    form = _settings_form("thief@example.net", "Asia/Tokyo")
    response = signed_in.post(reverse("settings"), form)
    assert _asked_to_confirm(response, reverse("settings"))
    owner.refresh_from_db()
    assert owner.email == "owner@example.org"
    assert Profile.objects.get(user=owner).time_zone == "UTC"  # nothing half-saved


def test_a_fresh_email_change_is_saved(signed_in, clock, owner):
    _later(clock, 11)
    _confirm(signed_in)
    response = signed_in.post(reverse("settings"), _settings_form("new@example.net"))
    assert response.status_code == 302 and response.url == reverse("settings")
    owner.refresh_from_db()
    assert owner.email == "new@example.net"


def test_other_settings_need_no_password_when_the_email_stays(signed_in, clock, owner):
    _later(clock, 25)
    response = signed_in.post(reverse("settings"), _settings_form(owner.email, "Asia/Tokyo"))
    assert response.status_code == 302 and response.url == reverse("settings")
    assert Profile.objects.get(user=owner).time_zone == "Asia/Tokyo"


def test_a_wrong_password_stays_on_the_page_and_confirms_nothing(signed_in, clock):
    _later(clock, 11)
    response = _confirm(signed_in, password="wrong", next_path=reverse("export_json"))
    assert response.status_code == 200
    assert "That is not your password" in response.text
    assert _asked_to_confirm(signed_in.get(reverse("export_json")), reverse("export_json"))


def test_wrong_passwords_at_the_confirm_page_count_towards_the_lockout(signed_in, clock, settings):
    _later(clock, 11)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _confirm(signed_in, password="wrong").status_code == 200
    assert _confirm(signed_in, password="wrong").status_code == 429
    # Locked out: the right password no longer confirms, here or at the log-in page.
    assert _confirm(signed_in, password=PASSWORD).status_code == 429
    assert _asked_to_confirm(signed_in.get(reverse("export_json")), reverse("export_json"))
    login = Client().post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert login.status_code == 429


def test_failures_at_log_in_count_at_the_confirm_page_too(client, owner, clock, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        Client().post(reverse("login"), {"username": "owner", "password": "wrong"})
    client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    _later(clock, 11)
    # The log-in succeeded and reset the count: one wrong confirmation is not a lockout.
    assert _confirm(client, password="wrong").status_code == 200


@pytest.mark.parametrize(
    "next_path",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "",
    ],
)
def test_the_confirm_page_only_sends_the_user_to_a_page_of_this_site(signed_in, clock, next_path):
    _later(clock, 11)
    response = _confirm(signed_in, next_path=next_path)
    assert response.status_code == 302 and response.url == reverse("settings")


def test_the_confirm_page_keeps_a_local_next_in_its_form(signed_in, clock):
    page = signed_in.get(reverse("password_confirm") + "?next=/doses/")
    assert 'name="next" value="/doses/"' in page.text
    outside = signed_in.get(reverse("password_confirm") + "?next=https://evil.example/")
    assert "evil.example" not in outside.text
    assert _confirm(signed_in, next_path="/doses/").url == "/doses/"


def test_the_confirmation_lasts_ten_minutes(signed_in, clock):
    _later(clock, 11)
    _confirm(signed_in)
    _later(clock, 9)
    assert signed_in.get(reverse("export_fhir")).status_code == 200
    _later(clock, 2)
    assert signed_in.get(reverse("export_fhir")).status_code == 302


def test_a_session_with_no_confirmation_time_is_asked(owner_client):
    session = owner_client.session
    del session[PASSWORD_CONFIRMED]
    session.save()
    assert _asked_to_confirm(owner_client.get(reverse("export_json")), reverse("export_json"))


def _decorated_request(method, path, owner, *, confirmed_ago, **extra):
    request = getattr(RequestFactory(), method)(path, **extra)
    request.user = owner
    request.session = {PASSWORD_CONFIRMED: timezone.now().timestamp() - confirmed_ago}
    request._messages = _NoMessages()
    return request


class _NoMessages(list):
    def add(self, level, message, extra_tags=""):
        self.append(message)


def test_the_decorator_answers_a_json_post_with_a_403_naming_the_confirm_page(owner):
    view = recent_password_required(return_to="settings")(lambda request: HttpResponse("done"))
    request = _decorated_request(
        "post",
        "/push/subscribe/",
        owner,
        confirmed_ago=3600,
        data="{}",
        content_type="application/json",
    )
    response = view(request)
    assert response.status_code == 403
    body = json.loads(response.content)
    assert body["error"] == "password_confirmation_required"
    assert body["confirm_url"] == "/accounts/confirm-password/?next=%2Fsettings%2F"
    fresh = _decorated_request(
        "post", "/push/subscribe/", owner, confirmed_ago=60, content_type="application/json"
    )
    assert view(fresh).content == b"done"


def test_the_decorator_sends_a_refused_form_post_back_to_the_named_page(owner):
    view = recent_password_required(return_to="settings")(lambda request: HttpResponse("done"))
    request = _decorated_request("post", "/share/new/", owner, confirmed_ago=3600)
    response = view(request)
    assert _asked_to_confirm(response, "/settings/")
    assert request._messages  # "Nothing was changed yet ..."


def test_changing_the_password_signs_out_every_other_session(signed_in, clock, owner):
    elsewhere = signed_in_device(owner, trusted=True)
    other_browser = Client()
    other_browser.cookies["sessionid"] = elsewhere.session_id
    assert other_browser.get(reverse("dashboard")).status_code == 200
    signed_in.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert not Session.objects.filter(session_key=elsewhere.session_id).exists()
    assert other_browser.get(reverse("dashboard")).status_code == 302
    # This session has a new key; its device is recorded under it.
    [device] = Device.objects.filter(user=owner)
    assert device.session_id == signed_in.session.session_key
    assert signed_in.get(reverse("dashboard")).status_code == 200


def test_a_password_reset_signs_out_every_session(client, owner):
    device = signed_in_device(owner)
    client.post(reverse("password_reset"), {"email": owner.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    form_url = client.get(urlparse(link.strip()).path).url
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=device.session_id).exists()
    assert not Device.objects.filter(user=owner).exists()


def test_the_decorator_sends_a_refused_post_back_to_the_page_the_form_was_on(owner):
    view = recent_password_required(lambda request: HttpResponse("done"))
    from_settings = _decorated_request(
        "post", "/share/new/", owner, confirmed_ago=3600, HTTP_REFERER="http://testserver/settings/"
    )
    assert _asked_to_confirm(view(from_settings), "/settings/")
    from_elsewhere = _decorated_request(
        "post", "/share/new/", owner, confirmed_ago=3600, HTTP_REFERER="https://evil.example/x/"
    )
    assert _asked_to_confirm(view(from_elsewhere), "/share/new/")
    no_referer = _decorated_request("post", "/share/new/", owner, confirmed_ago=3600)
    assert _asked_to_confirm(view(no_referer), "/share/new/")


def test_wrong_passwords_at_account_deletion_count_towards_the_lockout(signed_in, owner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = signed_in.post(reverse("delete_account"), {"password": "wrong"})
        assert "That is not your password" in response.text
    assert signed_in.post(reverse("delete_account"), {"password": "wrong"}).status_code == 429
    # Locked out: the right password deletes nothing, and the log-in page refuses too.
    assert signed_in.post(reverse("delete_account"), {"password": PASSWORD}).status_code == 429
    assert type(owner).objects.filter(pk=owner.pk).exists()
    login = Client().post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert login.status_code == 429
