"""The dashboard's first screen (#18): one status, the next step and the log action, on a phone
and a laptop; a double tap logs one dose; Undo takes it back."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.e2e.conftest import SCREENSHOTS, assert_accessible, assert_fits_the_screen, log_in
from tests.factories import PASSWORD, CourseFactory, UserFactory
from tracker.models import Dose
from tracker.services.comedications import comedication_add

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

SCREENS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}


@pytest.fixture(params=list(SCREENS))
def screen(request):
    return request.param


@pytest.fixture
def page(browser, screen):
    context = browser.new_context(viewport=SCREENS[screen])
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _on_first_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] + box["height"] <= page.viewport_size["height"]


def _day_16_with_the_triple_combination():
    """The patient of the issue: day 16, a benzodiazepine and an opioid logged beside it."""
    user = UserFactory(username="pat")
    course = CourseFactory(
        owner=user, start_date=timezone.localdate() - timedelta(days=15), prescriber="Dr Alvarez"
    )
    for name in ("Xanax", "Percocet"):
        comedication_add(owner=user, name=name, start_date=course.start_date)
    return course


def test_the_triple_combination_patient_sees_status_step_and_action_first(
    page, live_server, screen
):
    _day_16_with_the_triple_combination()
    log_in(page, live_server.url, "pat", PASSWORD)
    status = page.locator(".course-status")
    assert status.get_attribute("data-status") == "danger"
    assert "Danger" in status.inner_text()
    assert "Do not take these together. Contact your prescriber today." in status.inner_text()
    contact = page.get_by_role("link", name=re.compile("Contact Dr Alvarez today"))
    record = page.get_by_text("I already took it — record it")
    for shown in (status, contact, record):
        assert shown.is_visible() and _on_first_screen(page, shown), shown
    assert page.get_by_role("button", name=re.compile("Log a dose")).count() == 0
    assert_fits_the_screen(page)
    if screen == "phone":
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= 2 * 844, f"{height} px: more than two phone screens"
    assert_accessible(page)
    # The README shows this page: the patient, on a phone and on a laptop.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"dashboard-day16-{screen}.png"), full_page=True)


def test_the_triple_combination_dashboard_reads_in_dark_mode_on_a_phone(browser, live_server):
    _day_16_with_the_triple_combination()
    context = browser.new_context(viewport=SCREENS["phone"], color_scheme="dark")
    page = context.new_page()
    log_in(page, live_server.url, "pat", PASSWORD)
    assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    assert page.locator(".course-status").get_attribute("data-status") == "danger"
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-day16-phone-dark.png"), full_page=True)
    context.close()


def test_recording_a_dose_against_the_advice_takes_a_second_step_and_a_double_tap_logs_one(
    page, live_server, screen
):
    _day_16_with_the_triple_combination()
    log_in(page, live_server.url, "pat", PASSWORD)
    page.get_by_text("I already took it — record it").click()
    confirm = page.get_by_role("button", name=re.compile("Yes, record 350 mg taken now"))
    assert confirm.is_visible()
    with page.expect_navigation():
        confirm.dblclick()
    assert page.get_by_text(re.compile("Recorded 350 mg of carisoprodol")).is_visible()
    assert Dose.objects.count() == 1
    assert "Next dose from" in page.locator(".course-status").inner_text() or (
        "Do not take these together" in page.locator(".course-status").inner_text()
    )
    assert_accessible(page)


def test_a_double_tap_on_log_a_dose_logs_one_and_undo_takes_it_back(page, live_server, screen):
    CourseFactory(owner=UserFactory(username="pat"))
    log_in(page, live_server.url, "pat", PASSWORD)
    assert page.locator(".course-status").get_attribute("data-status") == "on-track"
    button = page.get_by_role("button", name=re.compile("Log a dose"))
    assert _on_first_screen(page, button)
    with page.expect_navigation():
        button.dblclick()
    assert Dose.objects.count() == 1
    assert "Next dose from" in page.locator(".course-status").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Undo").click()
    assert page.get_by_text(re.compile("Undone: the 350 mg logged at")).is_visible()
    assert Dose.objects.count() == 0
    assert page.get_by_role("button", name=re.compile("Log a dose")).is_visible()
    assert_fits_the_screen(page)
    assert_accessible(page)


SITUATIONS = [
    # days since the course started, co-medications → the status the page shows first
    ("new course", 1, [], "on-track"),
    ("day 12: the limit approaches", 11, [], "caution"),
    ("day 16: past the usual two weeks", 15, [], "warning"),
    ("day 23: past three weeks", 22, [], "danger"),
    ("a benzodiazepine on day 5", 4, ["Xanax"], "danger"),
    ("an opioid and a benzodiazepine on day 3", 2, ["Percocet", "Klonopin"], "danger"),
    ("acetaminophen only: no interaction found, not an all-clear", 2, ["Tylenol"], "on-track"),
]


@pytest.mark.parametrize(
    ("days_ago", "comeds", "status"),
    [row[1:] for row in SITUATIONS],
    ids=[row[0] for row in SITUATIONS],
)
def test_the_status_in_the_browser_matches_the_worst_finding(
    browser, live_server, days_ago, comeds, status
):
    user = UserFactory(username="pat")
    course = CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=days_ago))
    for name in comeds:
        comedication_add(owner=user, name=name, start_date=course.start_date)
    context = browser.new_context(viewport=SCREENS["phone"])
    page = context.new_page()
    log_in(page, live_server.url, "pat", PASSWORD)
    shown = page.locator(".course-status")
    assert shown.get_attribute("data-status") == status
    assert _on_first_screen(page, shown)
    if status == "danger":  # the worst finding below is a danger too, and says so
        assert page.locator(".findings").get_by_text("Danger:").first.is_visible()
    context.close()
