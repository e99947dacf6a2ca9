"""The time zone in a browser: detected at sign-up from the browser's own zone, kept, changed."""

import re

import pytest

from tests.e2e.conftest import VIEWPORTS, assert_accessible, assert_fits_the_screen
from tests.factories import PASSWORD
from tracker.models import Profile

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def browser_in(browser, viewport):
    """Open pages in a browser whose clock is set to a zone (and, optionally, with no script)."""
    contexts = []

    def make(zone: str, *, scripts: bool = True):
        context = browser.new_context(
            viewport=VIEWPORTS[viewport], timezone_id=zone, java_script_enabled=scripts
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _sign_up(page, username: str) -> None:
    page.get_by_label("Username").fill(username)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(re.compile("/courses/new/"))


def test_signup_preselects_the_browsers_zone_and_keeps_it(browser_in, live_server):
    page = browser_in("Asia/Tokyo")
    page.goto(f"{live_server.url}/accounts/signup/")
    zone = page.get_by_label("Time zone")
    assert zone.input_value() == "Asia/Tokyo"
    assert page.get_by_text("We detected Asia/Tokyo — is that right?").is_visible()
    assert_accessible(page)
    assert_fits_the_screen(page)
    _sign_up(page, "tokyo-patient")
    assert Profile.objects.get(user__username="tokyo-patient").time_zone == "Asia/Tokyo"
    page.goto(f"{live_server.url}/settings/")
    assert page.locator(".current-zone").inner_text().startswith("Your time zone is Asia/Tokyo")


def test_without_scripts_the_zone_is_typed_and_still_checked(browser_in, live_server):
    page = browser_in("Asia/Tokyo", scripts=False)
    page.goto(f"{live_server.url}/accounts/signup/")
    zone = page.get_by_label("Time zone")
    assert zone.input_value() == "UTC"  # nothing guessed without the script
    zone.fill("Atlantis")
    page.get_by_label("Username").fill("typist")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    assert page.get_by_text("“Atlantis” is not a time zone we know").is_visible()
    page.get_by_label("Time zone").fill("Europe/Paris")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(re.compile("/courses/new/"))
    assert Profile.objects.get(user__username="typist").time_zone == "Europe/Paris"
