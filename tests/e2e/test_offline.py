"""The installable app offline, in Chromium: the service worker controls the pages, the
dashboard opens without a connection, and a dose logged there is saved on the phone and sent
once when the connection returns, at the time it was taken."""

import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from tests.e2e.conftest import (
    assert_accessible,
    assert_fits_the_screen,
    log_in,
    open_phone_menu,
    screenshot,
)
from tests.factories import PASSWORD, CourseFactory, UserFactory
from tracker.models import Course, Dose, PushSubscription

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

QUEUE = "OfflineQueue.forUser(document.documentElement.dataset.user)"
KEPT_DASHBOARD = """async () => {
  const names = (await caches.keys()).filter((n) => n.startsWith("offline-pages-"));
  for (const name of names) if (await (await caches.open(name)).match("/")) return true;
  return false;
}"""
SEND_AGAIN = """async (entry) => {
  const csrf = document.cookie.match(/csrftoken=([^;]+)/)[1];
  const response = await fetch("/doses/sync/", {
    method: "POST",
    body: JSON.stringify({doses: [entry]}),
    headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
  });
  return (await response.json()).results[0].result;
}"""


def _signed_in_with_course(page, live_server):
    user = UserFactory(username="pat")
    course = CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=2))
    log_in(page, live_server.url, "pat", PASSWORD)
    # Generous: the worker installs in the background, on a machine the tests may share.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("navigator.serviceWorker.controller !== null"):
        # The dashboard's request left before the worker was active: the next load is its.
        page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    page.wait_for_function(KEPT_DASHBOARD, timeout=30_000)
    return course


def _log_offline(page):
    page.context.set_offline(True)
    page.reload()
    assert page.locator(".offline-notice").inner_text().startswith("You are offline.")
    page.get_by_role("button", name=re.compile("Log a dose")).click()
    status = page.locator(".offline-status")
    status.get_by_text(re.compile("^Saved on this phone, will sync")).wait_for()
    [entry] = page.evaluate(QUEUE)
    return entry


def test_the_service_worker_controls_the_pages_and_keeps_what_they_need(
    page, live_server, viewport
):
    _signed_in_with_course(page, live_server)
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")
    page.context.set_offline(True)
    page.goto(f"{live_server.url}/doses/")
    assert page.get_by_role("heading", name="No connection").is_visible()
    page.get_by_role("link", name="Open the dashboard").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.locator(".course-title").is_visible()
    assert page.locator(".offline-notice").inner_text().startswith("You are offline.")
    # The kept copy is styled and runs its scripts from the worker's cache.
    assert page.evaluate("getComputedStyle(document.body).display") == "flex"
    assert page.evaluate("document.documentElement.dataset.offlineCopy") == "1"


def test_a_dose_logged_offline_is_sent_once_when_back_online_at_its_time(
    page, live_server, viewport
):
    _signed_in_with_course(page, live_server)
    entry = _log_offline(page)
    assert page.locator(".offline-dose").inner_text().startswith("350 mg of carisoprodol taken")
    assert page.locator("#offline-queue-title").inner_text() == "Waiting to sync"
    assert Dose.objects.count() == 0
    screenshot(page, "dashboard-offline", viewport)
    page.wait_for_timeout(1500)  # the dose keeps its time, not the time it is sent

    back_online = timezone.now()
    page.context.set_offline(False)
    page.locator(".offline-status", has_text="Synced: 1 dose sent").wait_for()
    dose = Dose.objects.get()
    assert dose.taken_at == datetime.fromisoformat(entry["taken_at"]) < back_online
    assert str(dose.form_token) == entry["token"]
    sent = page.locator(".offline-result-created").inner_text()
    assert sent.startswith("Recorded 350 mg taken at")
    assert page.locator("#offline-queue-title").inner_text() == "Sent from this phone"
    assert page.evaluate(QUEUE) == []
    assert page.locator(".offline-dose").count() == 0

    again = {k: entry[k] for k in ("token", "course", "taken_at", "amount_mg", "shown_on")}
    assert page.evaluate(SEND_AGAIN, again) == "already_recorded"
    assert Dose.objects.count() == 1


def test_a_refused_dose_stays_with_its_reason_until_discarded(page, live_server, viewport):
    course = _signed_in_with_course(page, live_server)
    _log_offline(page)
    Course.objects.filter(pk=course.pk).update(status="stopped")
    page.context.set_offline(False)
    refused = page.locator(".offline-refused")
    refused.wait_for()
    assert "not recorded. This course is not an active course of yours" in refused.inner_text()
    page.reload()
    page.locator(".offline-refused").wait_for()  # filled from IndexedDB after the page loads
    assert_fits_the_screen(page)
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Discard the 350 mg")).click()
    page.locator(".offline-queue").wait_for(state="hidden")
    assert page.evaluate(QUEUE) == [] and Dose.objects.count() == 0


def test_signed_out_while_offline_the_doses_wait_for_the_next_sign_in(page, live_server, viewport):
    _signed_in_with_course(page, live_server)
    _log_offline(page)
    page.context.clear_cookies(name="sessionid")  # the session ended while offline
    page.context.set_offline(False)
    signed_out = "You are signed out: sign in to send 1 dose"
    page.locator(".offline-status", has_text=signed_out).wait_for()
    assert Dose.objects.count() == 0 and len(page.evaluate(QUEUE)) == 1
    page.get_by_role("link", name="Sign in").click()
    assert page.locator(".offline-waiting-notice").inner_text() == (
        "1 dose logged on this phone is waiting to be sent: sign in to send them."
    )
    page.get_by_label("Username").fill("pat")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator(".offline-status", has_text="Synced: 1 dose sent").wait_for()
    assert Dose.objects.count() == 1


def test_logging_out_warns_of_waiting_doses_then_clears_this_phone(page, live_server, viewport):
    _signed_in_with_course(page, live_server)
    _log_offline(page)
    page.route("**/doses/sync/", lambda route: route.abort())  # the sync cannot get through
    page.context.set_offline(False)
    page.reload()
    page.locator(".offline-status", has_text="No connection: 1 dose still waiting").wait_for()
    page.goto(f"{live_server.url}/doses/")
    assert page.locator(".offline-waiting-notice").inner_text() == (
        "1 dose logged on this phone is waiting to be sent: open the dashboard to send them"
    )
    if viewport == "phone":
        open_phone_menu(page)

    warnings = []
    page.once("dialog", lambda dialog: (warnings.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Log out").click()
    page.wait_for_timeout(300)
    assert warnings and warnings[0].startswith("1 dose logged on this phone have not been")
    assert page.url.endswith("/doses/") and len(page.evaluate(QUEUE)) == 1

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile("/accounts/login/"))
    assert page.evaluate("OfflineQueue.countAll()") == 0
    assert page.evaluate(KEPT_DASHBOARD) is False
    assert Dose.objects.count() == 0


# No push service answers without internet: this phone's subscription is played by a stand-in
# that records being unsubscribed (in localStorage, which outlives the logout's navigation).
SUBSCRIBED_HERE = """PushManager.prototype.getSubscription = () => Promise.resolve({
  endpoint: "https://push.example/this-phone",
  unsubscribe: () => { localStorage.setItem("unsubscribed", "yes"); return Promise.resolve(true); },
});"""


def _log_out(page, viewport):
    if viewport == "phone":
        open_phone_menu(page)
    page.get_by_role("button", name="Log out").click()
    # Each step (the phone's database twice, the push service, the page's cache, the service
    # worker's cache) may take its 3-second limit in turn on a loaded machine: 15 seconds,
    # then the server's answer and the login page. A hang never arrives.
    page.wait_for_url(re.compile("/accounts/login/"), timeout=35_000)


def test_logging_out_stops_this_browsers_notifications(page, live_server, viewport):
    page.add_init_script(SUBSCRIBED_HERE)
    course = _signed_in_with_course(page, live_server)
    for endpoint in ("https://push.example/this-phone", "https://push.example/other-phone"):
        PushSubscription.objects.create(owner=course.owner, endpoint=endpoint, p256dh="k", auth="a")
    _log_out(page, viewport)
    assert page.evaluate("localStorage.getItem('unsubscribed')") == "yes"
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [
        "https://push.example/other-phone"  # another phone of the patient's keeps its own
    ]


NEVER_ANSWERS = {
    "push service": "PushManager.prototype.getSubscription = () => new Promise(() => {});",
    "phone's database": "indexedDB.open = () => ({});",  # its request never succeeds or fails
    "phone's cache": "CacheStorage.prototype.delete = () => new Promise(() => {});",
}


@pytest.mark.parametrize("stalled", list(NEVER_ANSWERS))
def test_a_step_that_never_answers_does_not_hold_up_logging_out(
    page, live_server, viewport, stalled
):
    page.add_init_script(NEVER_ANSWERS[stalled])
    _signed_in_with_course(page, live_server)
    _log_out(page, viewport)  # each step's 3-second limit, well before the wait's 35 seconds
    assert page.evaluate("document.documentElement.dataset.user") is None


def test_deleting_the_account_clears_the_doses_waiting_on_this_phone(page, live_server, viewport):
    _signed_in_with_course(page, live_server)
    _log_offline(page)
    page.route("**/doses/sync/", lambda route: route.abort())  # the sync cannot get through
    page.context.set_offline(False)
    page.goto(f"{live_server.url}/settings/delete-account/")
    assert len(page.evaluate(QUEUE)) == 1
    warnings = []
    page.once("dialog", lambda dialog: (warnings.append(dialog.message), dialog.accept()))
    page.get_by_label("Your password, to confirm").fill(PASSWORD)
    page.get_by_role("button", name="Delete everything").click()
    page.wait_for_url(re.compile("/accounts/login/"))
    assert warnings and "Deleting your account deletes them from this phone too" in warnings[0]
    assert page.evaluate("OfflineQueue.countAll()") == 0
    assert page.evaluate(KEPT_DASHBOARD) is False
    assert not Course.objects.exists()
