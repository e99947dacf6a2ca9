"""A share link in Chromium: the patient makes one and sees its address and QR code once; a
stranger's browser, with no session, opens it on a phone; revoked, it answers "not found"."""

import re

import pytest

from tests.e2e.conftest import (
    assert_accessible,
    assert_fits_the_screen,
    log_in,
    serious_violations,
)
from tests.e2e.test_every_page import _too_wide
from tests.factories import PASSWORD, CourseFactory, DoseFactory, UserFactory
from tracker.services.sharing import share_link_create, share_link_open, share_link_revoke

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _csp_violations(page) -> list[str]:
    """Collect the console's Content Security Policy complaints as the page runs."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: seen.append(message.text) if "Content Security" in message.text else None,
    )
    return seen


@pytest.mark.parametrize("viewport", ["phone"])
def test_a_patient_shares_a_course_and_revokes_the_link(new_page, live_server, viewport):
    user = UserFactory(username="pat", first_name="Penelope", last_name="Whittaker")
    course = CourseFactory(owner=user, prescriber="Dr Visible")
    DoseFactory(course=course, note="dose-note-marker")

    patient = new_page()
    patient_csp = _csp_violations(patient)
    log_in(patient, live_server.url, "pat", PASSWORD)
    patient.goto(f"{live_server.url}/courses/{course.pk}/")
    patient.get_by_role("link", name="Share with your prescriber").click()
    patient.get_by_label("Summary with every dose and check-in").check()
    patient.get_by_label("Works for (days)").fill("3")
    patient.get_by_label("Name shown on the page (optional)").fill("Pat W.")
    patient.get_by_role("button", name="Create the link").click()

    url = patient.get_by_label("Share link address").input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/shared/[A-Za-z0-9_-]{{43}}/", url)
    qr = patient.get_by_role("img", name="QR code of the share link")
    assert qr.is_visible() and qr.bounding_box()["width"] >= 150
    assert patient_csp == []
    assert_fits_the_screen(patient)
    assert_accessible(patient)
    patient.get_by_role("link", name="Done").click()
    assert url not in patient.content()  # shown once only

    stranger = new_page()  # a fresh context: no cookie, no session
    stranger_csp = _csp_violations(stranger)
    response = stranger.goto(url)
    assert response.status == 200 and response.headers["x-robots-tag"] == "noindex, nofollow"
    assert stranger.get_by_text("Shared by Pat W., read-only, expires").is_visible()
    assert stranger.locator(".daily-table").is_visible()
    assert stranger.get_by_text("dose-note-marker").is_visible()
    hrefs = stranger.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == []  # no link into the app, and no number that may ring nowhere
    assert "Whittaker" not in stranger.content()
    assert_fits_the_screen(stranger)
    assert_accessible(stranger)
    assert stranger_csp == []

    patient.reload()
    row = patient.locator("tr.share-link")
    assert "1 time, last" in row.locator(".opens").inner_text()
    assert_accessible(patient)
    row.get_by_role("button", name="Revoke").click()
    assert patient.get_by_text("Link revoked").is_visible()
    assert patient.locator('tr.share-link[data-status="revoked"]').count() == 1

    response = stranger.goto(url)
    assert response.status == 404
    assert stranger.get_by_text("This share link does not open anything").is_visible()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_share_pages_fit_a_narrow_phone_and_pass_axe(browser, live_server, mode):
    """The patient's list (with an active, an opened and a revoked link) and the shared page
    with every dose, at 360 px, in both colour modes."""
    user = UserFactory(username="pat")
    course = CourseFactory(owner=user)
    DoseFactory(course=course, note="a long note " * 8)
    shown = share_link_create(course=course, scope="full", expires_in_days=30, display_name="P")
    share_link_open(token=shown.token)
    revoked = share_link_create(course=course, scope="summary", expires_in_days=1).link
    share_link_revoke(link=revoked)
    problems = []
    for signed_in, path in (
        (True, f"/courses/{course.pk}/share/"),
        (False, f"/shared/{shown.token}/"),
    ):
        context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=mode)
        try:
            page = context.new_page()
            if signed_in:
                log_in(page, live_server.url, "pat", PASSWORD)
            page.goto(f"{live_server.url}{path}")
            if not page.evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            ):
                problems.append(f"{path}: wider than the screen: {_too_wide(page)}")
            if page.evaluate("document.documentElement.dataset.bsTheme") != mode:
                problems.append(f"{path}: not in {mode} mode")
            problems += [f"{path}: {v}" for v in serious_violations(page)]
        finally:
            context.close()
    assert problems == []
