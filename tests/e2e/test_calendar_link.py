"""The settings page in a real Chromium: creating the calendar feed offers it to calendar apps as
a webcal:// link beside the https address, on a phone and a desktop, with nothing axe objects to."""

import pytest

from tests.e2e.conftest import assert_accessible, assert_fits_the_screen, log_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_creating_a_feed_offers_an_add_to_calendar_link(new_page, live_server):
    UserFactory(username="pat")
    page = new_page()
    log_in(page, live_server.url, "pat", PASSWORD)
    page.goto(f"{live_server.url}/settings/")
    assert page.get_by_role("link", name="Add to calendar").count() == 0
    page.get_by_role("button", name="Create a feed address").click()
    page.wait_for_url(f"{live_server.url}/settings/")
    address = page.get_by_label("Calendar feed address").input_value()
    assert address.startswith(f"{live_server.url}/")
    link = page.get_by_role("link", name="Add to calendar")
    assert link.get_attribute("href") == "webcal://" + address.split("://", 1)[1]
    assert link.is_visible()
    assert_fits_the_screen(page)
    assert_accessible(page)
