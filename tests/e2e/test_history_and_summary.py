"""The dose history on a phone and the printable summary on A4 and Letter, in Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.e2e.conftest import assert_accessible, assert_fits_the_screen, log_in
from tests.factories import PASSWORD, CoMedicationFactory, CourseFactory, DoseFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

# Paper widths in CSS pixels (96 per inch): A4 is 210 mm, Letter 8.5 in.
PAPER_WIDTHS = {"A4": 794, "Letter": 816}


def _patient_with_problem_doses():
    """A patient on day 6 of a course whose doses yesterday went over the daily maximum, one
    of them too soon after the one before, and who takes something that interacts."""
    user = UserFactory(username="pat", first_name="Pat", last_name="Example")
    course = CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=5))
    yesterday = timezone.localtime().replace(hour=0, minute=0) - timedelta(days=1)
    for hours in (0, 6, 12, 18, 19):
        DoseFactory(course=course, taken_at=yesterday + timedelta(hours=hours))
    CoMedicationFactory(owner=user, name="Xanax", start_date=course.start_date)
    return user, course


@pytest.mark.parametrize("viewport", ["phone"])
def test_the_history_on_a_phone_marks_the_problem_doses_without_sideways_scroll(
    page, live_server, viewport
):
    _patient_with_problem_doses()
    log_in(page, live_server.url, "pat", PASSWORD)
    page.goto(f"{live_server.url}/doses/")
    assert page.viewport_size == {"width": 390, "height": 844}
    assert_fits_the_screen(page)
    badge = page.locator(".dose-problem .badge", has_text="Too soon after the previous dose")
    assert badge.first.is_visible()
    reason = page.locator(".dose-problem", has_text="Too soon").first.locator(".reason")
    assert "after the previous one; the minimum gap is 4 hours." in reason.inner_text()
    assert page.locator(".dose-problem .badge", has_text="Over the daily maximum").is_visible()
    assert page.locator(".dose:not(.dose-flagged)").count() == 4
    for box in page.locator(".dose-problem").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().right)"
    ):
        assert box <= 390
    assert_accessible(page)


@pytest.mark.parametrize("viewport", ["desktop"])
@pytest.mark.parametrize("paper", list(PAPER_WIDTHS))
def test_the_summary_prints_to_a_pdf_with_every_table_inside_the_page(
    page, live_server, viewport, paper
):
    _, course = _patient_with_problem_doses()
    log_in(page, live_server.url, "pat", PASSWORD)
    page.goto(f"{live_server.url}/courses/{course.pk}/summary/")
    assert page.locator(".daily-table").is_visible()
    assert "Pat Example" not in page.content()

    pdf = page.pdf(format=paper, print_background=False)
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000

    width = PAPER_WIDTHS[paper]
    page.emulate_media(media="print")
    page.set_viewport_size({"width": width, "height": 1123})
    assert page.locator("nav").first.is_hidden() and page.locator("footer").is_hidden()
    assert page.locator("form.summary-options").is_hidden()
    assert page.locator(".disclaimer").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    tables = page.locator("table:visible")
    assert tables.count() >= 2  # the daily table and the warnings raised
    boxes = tables.evaluate_all(
        "ts => ts.map(t => [t.getBoundingClientRect().left, t.getBoundingClientRect().right,"
        " t.scrollWidth, t.clientWidth])"
    )
    for left, right, scrolled, shown in boxes:
        assert left >= 0 and right <= width, f"a table runs past the edge of {paper} paper"
        assert scrolled <= shown + 1, "a table's cells are wider than the table"
    rows = page.locator(".daily-table tbody tr")
    assert rows.count() == 6
    assert "Yes" in page.locator(".daily-table tr.over").inner_text()


@pytest.mark.parametrize("viewport", ["desktop"])
def test_the_name_is_printed_only_once_the_box_is_ticked(page, live_server, viewport):
    _, course = _patient_with_problem_doses()
    log_in(page, live_server.url, "pat", PASSWORD)
    page.goto(f"{live_server.url}/courses/{course.pk}/summary/")
    assert page.locator(".patient-name").count() == 0
    page.get_by_label("Include my name on the summary").check()
    page.get_by_role("button", name="Update the summary").click()
    page.wait_for_url("**/summary/?name=1")
    assert page.locator(".patient-name").inner_text() == "Pat Example"
    page.emulate_media(media="print")
    assert page.locator(".patient-name").is_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")
