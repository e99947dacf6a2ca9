"""In Chromium: a scheduled course with a dose not logged shows the reference data's missed-dose
advice and the adherence line; an as-needed course shows when the next dose is allowed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.e2e.conftest import log_in
from tests.factories import PASSWORD, CourseFactory, DoseFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_a_missed_dose_shows_the_advice_with_its_source(page, live_server):
    user = UserFactory(username="pat")
    course = CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=3))
    # Four a day, the last dose 20 hours ago: past the 6-hour interval and its margin.
    DoseFactory(course=course, taken_at=timezone.now() - timedelta(hours=20))
    log_in(page, live_server.url, "pat", PASSWORD)
    panel = page.locator(".course-panel").first
    assert panel.locator(".course-status").get_attribute("data-status") == "info"
    missed = panel.locator(".missed-dose")
    assert "No dose logged since one was due" in missed.inner_text()
    missed.locator("summary").click()
    assert "Source: PATIENT-PAGE." in missed.inner_text()
    assert "Never take two doses at once" in panel.locator(".next-step").inner_text()
    assert "planned doses on the days before today" in panel.locator(".adherence").inner_text()


def test_an_as_needed_course_shows_when_the_next_dose_is_allowed(page, live_server):
    user = UserFactory(username="pat")
    course = CourseFactory(
        owner=user,
        start_date=timezone.localdate() - timedelta(days=3),
        dose_schedule="as_needed",
    )
    DoseFactory(course=course, taken_at=timezone.now() - timedelta(hours=1))
    log_in(page, live_server.url, "pat", PASSWORD)
    panel = page.locator(".course-panel").first
    assert panel.locator(".next-dose").inner_text().startswith("Not before ")
    assert panel.locator(".missed-dose").count() == 0
    assert panel.locator(".adherence").count() == 0
    assert "no adherence figure" in panel.locator(".as-needed-note").inner_text()
