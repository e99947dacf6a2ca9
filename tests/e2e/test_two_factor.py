"""Two-factor sign-in in a real Chromium: set up the app from the page's secret, keep the
recovery codes, then log in again with a code."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import totp

from tests.e2e.conftest import (
    assert_accessible,
    assert_fits_the_screen,
    log_in,
    open_phone_menu,
    screenshot,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _code(secret: str, steps_ahead: int = 0) -> str:
    """Return what an authenticator app holding this secret shows, now or a step ahead."""
    text = secret.replace(" ", "")
    key = b32decode(text + "=" * (-len(text) % 8))
    return f"{totp(key, drift=steps_ahead):06d}"


def test_a_patient_turns_on_two_factor_then_logs_in_with_a_code(new_page, live_server, viewport):
    UserFactory(username="pat")
    page = new_page()
    log_in(page, live_server.url, "pat", PASSWORD)
    page.goto(f"{live_server.url}/settings/")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.wait_for_url(re.compile("/accounts/two-factor/setup/"))
    assert page.locator(".two-factor-qr svg").is_visible()
    assert_fits_the_screen(page)
    assert_accessible(page)
    secret = page.locator("[data-secret]").inner_text()

    page.get_by_label("Code").fill("000000" if _code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Turn on").click()
    assert page.get_by_text("That code does not match").is_visible()
    time.sleep(1.1)  # django-otp's wait after one wrong code
    page.get_by_label("Code").fill(_code(secret))
    page.get_by_role("button", name="Turn on").click()
    page.wait_for_url(re.compile("/accounts/two-factor/recovery-codes/"))
    codes = page.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    assert page.get_by_text("only this once").is_visible()
    assert_accessible(page)
    screenshot(page, "two-factor-recovery-codes", viewport)
    page.get_by_role("link", name="I have kept them").click()
    page.wait_for_url(re.compile("/settings/"))
    assert page.get_by_text("10 unused recovery codes").is_visible()
    if page.locator(".navbar-toggler").is_visible():  # the phone's menu is folded
        open_phone_menu(page)
    page.get_by_role("button", name="Log out").click()
    # Logging out first clears what the phone keeps (up to 3 s on the push service); on a
    # loaded CI machine that and the live server's answer have passed 10 s.
    page.wait_for_url(re.compile("/accounts/login/"), timeout=30_000)

    log_in(page, live_server.url, "pat", PASSWORD)
    assert "/accounts/two-factor/verify/" in page.url
    assert page.get_by_role("heading", name="Type your code").is_visible()
    assert_accessible(page)
    # The code used to set up works once: the next time step's code, which the server accepts
    # as within one step of its clock, is always newer.
    page.get_by_label("Code").fill(_code(secret, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("heading", name="Welcome").is_visible()  # the dashboard, no course
