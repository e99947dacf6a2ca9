"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Without Chromium they are skipped with a clear reason, unless E2E_REQUIRED=1 (as in CI), where
a missing browser fails them.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make are
# still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REQUIRED = os.environ.get("E2E_REQUIRED") == "1"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = (
            f"Chromium not found at {CHROMIUM}: browser tests skipped (apt-get install chromium)"
        )
        if REQUIRED:
            pytest.fail(f"E2E_REQUIRED=1 but {message}")
        pytest.skip(message)  # no browser on this machine: say so, as make test promises
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    return request.param


@pytest.fixture
def new_page(browser, viewport):
    contexts = []
    # What the pages said and where they went: printed after the test, so pytest shows it
    # beside a failure (a wait that timed out says nothing of why).
    events = []

    def make():
        context = browser.new_context(viewport=VIEWPORTS[viewport])
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: events.append(f"console.{message.type}: {message.text}"))
        page.on("pageerror", lambda error: events.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: events.append(f"failed: {request.url}"))
        page.on("framenavigated", lambda frame: events.append(f"at: {frame.url}"))
        return page

    yield make
    print("\n".join(events))
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/(\?.*)?$|/admin/"))


def open_phone_menu(page) -> None:
    """Unfold the phone's menu and wait until it is open: a tap while it still slides open
    (Bootstrap's collapse) can land on nothing on a loaded machine, and a "Log out" that
    Playwright reports as clicked then never submits its form."""
    page.get_by_role("button", name="Toggle navigation").click()
    page.locator("#nav-links.collapse.show").wait_for()


def assert_fits_the_screen(page) -> None:
    """No horizontal scroll at this viewport."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def assert_log_button_above_the_fold(page) -> None:
    """The log action is on the first screen: the one-tap "Log a dose", or, when the rules say
    not to take more now, the "I already took it — record it" step (tracker/rules/status.py)."""
    button = page.locator(".btn-log, .log-confirm > summary").first
    box = button.bounding_box()
    assert box is not None and box["y"] + box["height"] <= page.viewport_size["height"]


def serious_violations(page) -> list[str]:
    """Return axe-core's serious and critical violations on the page, each with where it is."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, first {v['nodes'][0]['target']})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def assert_accessible(page) -> None:
    """axe-core finds no serious or critical violation on the page."""
    assert serious_violations(page) == [], page.url


def screenshot(page, name: str, viewport: str) -> None:
    if viewport == "desktop":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
