"""Re-authentication and trusted devices in a real Chromium, at desktop and phone size."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore

from tests.e2e.conftest import assert_accessible, assert_fits_the_screen, log_in
from tests.factories import PASSWORD, UserFactory, signed_in_device
from tracker.models import Device
from tracker.reauth import PASSWORD_CONFIRMED

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

NEW_PASSWORD = "another-long-pass-99"


def _password_entered_minutes_ago(page, minutes: int) -> None:
    """Move the browser's stored confirmation time back, as if the password was typed then."""
    [cookie] = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    session = SessionStore(session_key=cookie["value"])
    session[PASSWORD_CONFIRMED] -= minutes * 60
    session.save()


def test_an_export_asks_for_the_password_again_after_ten_minutes(page, live_server, viewport):
    UserFactory(username="pat")
    log_in(page, live_server.url, "pat", PASSWORD)
    _password_entered_minutes_ago(page, 11)
    page.goto(f"{live_server.url}/settings/")
    page.get_by_role("link", name="Export everything (JSON)").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-password/\?next="))
    assert page.get_by_role("heading", name="Confirm your password").is_visible()
    assert_fits_the_screen(page)
    assert_accessible(page)

    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_text("That is not your password").is_visible()

    page.get_by_label("Your password").fill(PASSWORD)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Confirm").click()
    download = download_info.value
    assert download.suggested_filename.startswith("course-tracker-")
    exported = json.loads(Path(download.path()).read_text())
    assert "courses" in json.dumps(exported)


def test_a_stale_password_change_asks_first_then_the_user_submits_again(
    page, live_server, viewport
):
    user = UserFactory(username="pat")
    log_in(page, live_server.url, "pat", PASSWORD)
    page.goto(f"{live_server.url}/accounts/password_change/")
    _password_entered_minutes_ago(page, 11)  # the form was left open
    page.locator("#id_old_password").fill(PASSWORD)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-password/"))
    assert page.get_by_text("Nothing was changed yet").is_visible()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/accounts/password_change/$"))
    page.locator("#id_old_password").fill(PASSWORD)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    page.wait_for_url(re.compile(r"/accounts/password_change/done/"))
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_trusted_device_is_listed_and_signing_out_everywhere_ends_it(page, live_server, viewport):
    user = UserFactory(username="pat")
    elsewhere = signed_in_device(user, label="Safari on iPhone", trusted=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("pat")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Keep me signed in on this device").check()
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))
    [cookie] = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    assert cookie["expires"] > 0  # kept when the browser closes

    page.goto(f"{live_server.url}/settings/")
    devices = page.locator(".device")
    assert devices.count() == 2
    assert "This device" in devices.first.inner_text()
    assert "kept signed in until" in devices.first.inner_text()
    assert "Safari on iPhone" in devices.nth(1).inner_text()
    assert_fits_the_screen(page)
    assert_accessible(page)

    page.get_by_role("button", name="Sign out everywhere").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    assert page.get_by_text("signed out on every device").is_visible()
    assert not Device.objects.filter(pk=elsewhere.pk).exists()
    page.goto(f"{live_server.url}/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
