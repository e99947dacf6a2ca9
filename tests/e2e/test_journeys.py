"""The patient journeys, each in a real Chromium at desktop and phone size."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from drugs.models import Interaction
from tests.e2e.conftest import (
    assert_accessible,
    assert_fits_the_screen,
    assert_log_button_above_the_fold,
    log_in,
    screenshot,
)
from tests.factories import PASSWORD, CourseFactory, DoseFactory, UserFactory
from tracker.models import CoMedication, Dose
from tracker.services.comedications import comedication_add

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _patient_with_course(days_ago: int, username="pat"):
    user = UserFactory(username=username)
    course = CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=days_ago))
    return user, course


def test_a_newcomer_signs_up_starts_a_course_and_logs_a_dose(page, live_server, viewport):
    page.goto(f"{live_server.url}/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Username").fill("newcomer")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(re.compile("/courses/new/"))
    assert_accessible(page)
    assert page.get_by_label("Drug*", exact=True).input_value() != ""
    page.get_by_label(re.compile("mg per intake", re.I)).fill("350")
    page.get_by_label(re.compile("intakes per day", re.I)).fill("4")
    page.get_by_label("No, none of these applies to me").check()
    page.get_by_role("checkbox", name=re.compile("Kidney disease")).check()
    page.get_by_role("button", name="Start the course").click()
    page.wait_for_url(re.compile(r"/$"))
    assert_fits_the_screen(page)
    assert_log_button_above_the_fold(page)
    page.get_by_role("button", name=re.compile("Log a dose")).click()
    page.wait_for_load_state()
    assert page.get_by_text(re.compile(r"Recorded 350 mg of carisoprodol")).is_visible()
    assert page.locator(".course-day").inner_text() == "Day 1"
    assert page.locator(".today-doses").inner_text().endswith("350 mg")
    assert Dose.objects.count() == 1
    assert page.locator(".finding", has_text="Kidney disease").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "days_ago, text",
    [(14, "the 14-day mark is reached"), (21, "beyond the 21-day limit")],
)
def test_the_course_day_warning_shows_at_two_and_three_weeks(
    page, live_server, viewport, days_ago, text
):
    _patient_with_course(days_ago)
    log_in(page, live_server.url, "pat", PASSWORD)
    finding = page.locator(".finding", has_text=text)
    assert finding.is_visible()
    level = "Warning:" if days_ago == 14 else "Danger:"
    assert level in finding.inner_text()
    assert page.locator(".course-day").inner_text() == f"Day {days_ago + 1}"
    assert_fits_the_screen(page)
    assert_log_button_above_the_fold(page)


def test_adding_xanax_shows_the_interaction_and_its_severity(page, live_server, viewport):
    user, course = _patient_with_course(15)
    for hours in (2, 7, 12):
        DoseFactory(course=course, taken_at=timezone.now() - timedelta(hours=hours))
    log_in(page, live_server.url, "pat", PASSWORD)
    page.goto(f"{live_server.url}/comedications/")
    assert_accessible(page)
    page.get_by_label(re.compile(r"Name \(medicine")).fill("Xanax")
    page.get_by_label("Dose").fill("0.5 mg")
    page.get_by_role("button", name="Add").click()
    page.wait_for_load_state()
    assert page.get_by_text(re.compile("Major interaction")).first.is_visible()
    assert [d.slug for d in CoMedication.objects.get().ingredients.all()] == ["alprazolam"]
    screenshot(page, "co-medications", viewport)
    page.goto(f"{live_server.url}/")
    flag = page.locator(".finding", has_text="Xanax (alprazolam)")
    assert flag.is_visible() and "Major" in flag.inner_text()
    assert_fits_the_screen(page)
    assert_log_button_above_the_fold(page)
    assert_accessible(page)
    screenshot(page, "dashboard", viewport)
    page.goto(f"{live_server.url}/doses/")
    assert_accessible(page)
    screenshot(page, "dose-history", viewport)


def test_an_editors_severity_change_shows_on_the_patients_next_load(
    new_page, live_server, viewport
):
    _patient_with_course(3)
    comedication_add(
        owner=UserFactory(username="pat"), name="Xanax", start_date=timezone.localdate()
    )
    editor = UserFactory(username="editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Reference editors"))
    patient = new_page()
    log_in(patient, live_server.url, "pat", PASSWORD)
    assert "Major" in patient.locator(".finding", has_text="Xanax").inner_text()

    admin = new_page()
    rule = Interaction.objects.get(drug_a__slug="carisoprodol", class_b__slug="benzodiazepine")
    admin.goto(f"{live_server.url}/admin/login/?next=/admin/drugs/interaction/{rule.pk}/change/")
    admin.get_by_label("Username").fill("editor")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    admin.get_by_label("Severity").select_option("moderate")
    admin.get_by_label("Reason for the change").fill("Label revised")
    admin.get_by_role("button", name="Save", exact=True).click()
    admin.wait_for_url(re.compile("/admin/drugs/interaction/$"))
    screenshot(admin, "admin", viewport)

    patient.reload()
    flag = patient.locator(".finding", has_text="Xanax").inner_text()
    assert "Moderate" in flag and "Major" not in flag


def test_a_taper_plan_is_accepted_from_the_suggestion(page, live_server, viewport):
    _, course = _patient_with_course(12)
    log_in(page, live_server.url, "pat", PASSWORD)
    page.get_by_role("link", name="Taper plan").first.click()
    page.get_by_role("link", name="start from a suggested schedule").click()
    assert page.get_by_text("Suggestion, not a prescription").is_visible()
    assert_fits_the_screen(page)
    assert_accessible(page)
    page.get_by_role("button", name="Save the plan").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.locator(".taper-today").inner_text() == "Taper step today: 350 mg 3 times a day"
    assert page.get_by_role("button", name=re.compile(r"Log a dose \(350 mg now\)")).is_visible()


def test_bad_input_in_the_dose_form_shows_the_error_and_records_nothing(
    page, live_server, viewport
):
    _, course = _patient_with_course(2)
    log_in(page, live_server.url, "pat", PASSWORD)
    page.get_by_role("link", name="Log a different amount or time").click()
    page.get_by_label("Amount (mg)").fill("-5")
    page.get_by_role("button", name="Save the dose").click()
    error = page.locator(".invalid-feedback", has_text="more than 0")
    assert error.is_visible()
    assert Dose.objects.count() == 0
    assert_fits_the_screen(page)
    assert_accessible(page)


def test_public_pages_are_accessible_and_fit_a_phone(page, live_server, viewport):
    for path in [
        "/drugs/",
        "/drugs/carisoprodol/",
        "/drugs/compare/?a=carisoprodol&b=baclofen",
        "/drugs/classes/opioid/",
        "/accounts/login/",
        "/accounts/password_reset/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert_fits_the_screen(page)
        assert_accessible(page)
        if path.startswith("/drugs/compare"):
            screenshot(page, "drug-comparison", viewport)


def test_a_misspelt_benzodiazepine_is_confirmed_then_flagged(page, live_server, viewport):
    _patient_with_course(5)
    log_in(page, live_server.url, "pat", PASSWORD)
    page.goto(f"{live_server.url}/comedications/")
    page.get_by_label(re.compile(r"Name \(medicine")).fill("klonipin")
    page.get_by_role("button", name="Add").click()
    page.wait_for_load_state()
    assert page.get_by_text(re.compile(r"Did you mean Klonopin \(clonazepam\)\?")).is_visible()
    assert not CoMedication.objects.exists()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Yes, Klonopin")).click()
    page.wait_for_load_state()
    assert page.get_by_text(re.compile("Major interaction")).first.is_visible()
    assert CoMedication.objects.get().name == "Klonopin"
    page.goto(f"{live_server.url}/")
    assert page.locator(".finding", has_text="Klonopin (clonazepam)").first.is_visible()


def test_percocet_and_xanax_with_soma_raise_the_three_way_alert(page, live_server, viewport):
    _patient_with_course(4)
    log_in(page, live_server.url, "pat", PASSWORD)
    for typed in ("Percocet 5/325", "Xanax 0.5 mg"):
        page.goto(f"{live_server.url}/comedications/")
        page.get_by_label(re.compile(r"Name \(medicine")).fill(typed)
        page.get_by_role("button", name="Add").click()
        page.wait_for_load_state()
    percocet = CoMedication.objects.get(name="Percocet 5/325")
    assert sorted(d.slug for d in percocet.ingredients.all()) == ["acetaminophen", "oxycodone"]
    page.goto(f"{live_server.url}/")
    alert = page.locator(".finding", has_text="Opioid + benzodiazepine + carisoprodol").first
    assert alert.is_visible() and "Danger" in alert.inner_text()
    assert "Percocet 5/325 (acetaminophen + oxycodone)" in alert.inner_text()
    assert_fits_the_screen(page)
    assert_accessible(page)


def _tel(number: str) -> str:
    return "tel:" + number.replace("-", "").replace(" ", "")


def test_a_sign_of_overdose_raises_the_urgent_banner_until_it_is_closed(
    page, live_server, viewport
):
    _patient_with_course(3)
    log_in(page, live_server.url, "pat", PASSWORD)
    page.get_by_role("link", name="How do you feel?").click()
    page.wait_for_url(re.compile(r"/courses/\d+/checkin/$"))
    legends = page.locator("fieldset.symptom-group legend").all_inner_texts()
    assert legends[0] == "Signs of overdose: get help now"
    assert "Side effects" in legends[1:] and "Withdrawal symptoms" in legends[1:]
    overdose = page.locator("fieldset.symptom-group").first
    assert overdose.get_by_label("Slowed or shallow breathing").is_visible()
    for other in page.locator("fieldset.symptom-group").all()[1:]:
        assert "Slowed or shallow breathing" not in other.inner_text()
    assert_fits_the_screen(page)
    assert_accessible(page)
    overdose.get_by_label("Slowed or shallow breathing").check()
    page.get_by_role("radio", name="Severe").check()
    page.get_by_role("button", name="Record").click()
    page.wait_for_url(re.compile(r"/$"))

    banner = page.locator(".urgent-banner")
    assert banner.is_visible()
    assert "slowed or shallow breathing" in banner.inner_text()
    assert banner.bounding_box()["y"] < page.locator(".course-panel").first.bounding_box()["y"]
    emergency = banner.get_by_role("link", name=re.compile("emergency"))
    poison = banner.get_by_role("link", name=re.compile("Poison Help"))
    assert emergency.get_attribute("href") == _tel(settings.EMERGENCY_NUMBER)
    assert poison.get_attribute("href") == _tel(settings.POISON_HELP_NUMBER)
    assert settings.EMERGENCY_COUNTRY in emergency.inner_text()
    for link in (emergency, poison):  # big enough to tap
        assert link.bounding_box()["height"] >= 44
    assert_fits_the_screen(page)
    assert_accessible(page)

    page.goto(f"{live_server.url}/doses/")
    assert page.locator(".urgent-banner").is_visible()
    page.get_by_role("button", name=re.compile("I have got help")).click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.locator(".urgent-banner").count() == 0
    page.goto(f"{live_server.url}/doses/")
    assert page.locator(".urgent-banner").count() == 0
