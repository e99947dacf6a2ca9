"""Every page a patient can reach, in a real Chromium: it fits a 360 px phone, and axe finds no
serious problem in light or dark mode at phone and desktop size.

Each test signs the patient in once and walks the whole list, collecting every page that fails,
so one run names them all.
"""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from drugs.models import DrugFact, Product
from tests.e2e.conftest import log_in, serious_violations
from tests.factories import PASSWORD, CourseFactory, UserFactory
from tracker.rules.taper import Step
from tracker.services import checkins, comedications, doses, tapers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

SIZES = {
    "narrow": {"width": 360, "height": 740},
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 800},
}

# Pages with the patient's rows in them: {course}, {dose} and {comed} are filled in below.
PATIENT_PAGES = [
    "/",
    "/doses/",
    "/doses/{dose}/edit/",
    "/doses/{dose}/delete/",
    "/courses/{course}/doses/new/",
    "/comedications/",
    "/comedications/{comed}/",
    "/comedications/{comed}/delete/",
    "/courses/",
    "/courses/new/",
    "/courses/{course}/",
    "/courses/{course}/edit/",
    "/courses/{course}/end/",
    "/courses/{course}/summary/",
    "/courses/{course}/timeline/",
    "/courses/{course}/taper/",
    "/courses/{course}/taper/delete/",
    "/courses/{course}/checkin/",
    "/history/course/{course}/",
    "/history/dose/{dose}/",
    "/history/comedication/{comed}/",
    "/settings/",
    "/settings/notifications/",
    "/settings/import/",
    "/settings/delete-account/",
    "/accounts/password_change/",
]
# Reference pages, seen signed in; {product} is a product that contains carisoprodol.
DRUG_PAGES = [
    "/drugs/",
    "/drugs/?q=soma",
    "/drugs/carisoprodol/",
    "/drugs/alprazolam/",
    "/drugs/classes/benzodiazepine/",
    "/drugs/classes/opioid/",
    "{product}",
    "/drugs/compare/?a=carisoprodol&b=baclofen",
]
# Pages for a visitor who is not signed in.
PUBLIC_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password_reset/",
    "/accounts/password_reset/done/",
    "/drugs/carisoprodol/",
    "/no-such-page/",
]


@pytest.fixture
def patient():
    """A patient five days into a course, with doses (one edited), Xanax taken alongside (edited
    too), a taper plan and two check-ins, one of them urgent so the banner shows everywhere.
    Return the pages' paths, filled in."""
    user = UserFactory(username="pat")
    course = CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=5))
    now = timezone.now()
    logged = [
        doses.dose_log(
            course=course,
            taken_at=now - timedelta(hours=hours),
            amount_mg=Decimal("350"),
            token=uuid.uuid4(),
        ).record
        for hours in (30, 26, 7, 2)
    ]
    dose = logged[-1]
    doses.dose_update(dose=dose, taken_at=dose.taken_at, amount_mg=Decimal("250"), note="Half")
    comed = comedications.comedication_add(
        owner=user, name="Xanax", dose="0.5 mg", start_date=course.start_date
    ).record
    comedications.comedication_update(comed=comed, frequency="at night")
    today = timezone.localdate()
    tapers.taper_plan_save(
        course=course,
        steps=[Step(today, Decimal("350"), 2), Step(today + timedelta(days=3), Decimal(0), 0)],
        from_suggestion=False,
    )
    facts = DrugFact.objects.filter(drug=course.drug)
    for symptoms, severity in (
        ([facts.filter(kind="side_effect").first()], "mild"),
        ([facts.get(kind="seek_care", text__startswith="Severe allergic")], "severe"),
    ):
        checkins.checkin_record(
            owner=user,
            course=course,
            symptoms=symptoms,
            severity=severity,
            note="",
            recorded_at=timezone.now(),
        )
    ids = {"course": course.pk, "dose": dose.pk, "comed": comed.pk}
    product = Product.objects.filter(ingredients__slug="carisoprodol").first()
    return {
        "signed_in": [p.format(**ids) for p in PATIENT_PAGES]
        + [p.format(product=product.get_absolute_url()) for p in DRUG_PAGES],
        "public": PUBLIC_PAGES,
    }


def _contexts(browser, live_server, size: str, mode: str = "light"):
    """Yield (context, paths): the signed-in patient's, then a visitor's."""
    for signed_in in (True, False):
        context = browser.new_context(viewport=SIZES[size], color_scheme=mode)
        context.set_default_timeout(10_000)
        try:
            page = context.new_page()
            if signed_in:
                log_in(page, live_server.url, "pat", PASSWORD)
            yield page, signed_in
        finally:
            context.close()


def _too_wide(page) -> str:
    """Return the outermost elements that reach past the right edge (not those inside a box that
    clips or scrolls them), to name in a failure."""
    return page.evaluate(
        """() => {
          const edge = document.documentElement.clientWidth;
          const past = (el) => el.getBoundingClientRect().right > edge + 1;
          const clipped = (el) => {
            for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
              if (getComputedStyle(up).overflowX !== 'visible' && !past(up)) return true;
            }
            return false;
          };
          const name = (el) => el.tagName.toLowerCase() + (typeof el.className === 'string' &&
            el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
          return [...document.body.querySelectorAll('*')]
            .filter((el) => past(el) && !past(el.parentElement) && !clipped(el))
            .slice(0, 3)
            .map((el) => name(el) + ' to ' + Math.round(el.getBoundingClientRect().right) + ' px')
            .join(', ');
        }"""
    )


def test_no_page_scrolls_sideways_on_a_360_px_phone(browser, live_server, patient):
    overflowing = []
    for page, signed_in in _contexts(browser, live_server, "narrow"):
        for path in patient["signed_in" if signed_in else "public"]:
            page.goto(f"{live_server.url}{path}")
            if not page.evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            ):
                overflowing.append(f"{path}: {_too_wide(page)}")
    assert not overflowing, "Pages wider than the screen:\n" + "\n".join(overflowing)


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_page_is_accessible_in_both_colour_modes(browser, live_server, patient, mode, size):
    problems = []
    for page, signed_in in _contexts(browser, live_server, size, mode):
        for path in patient["signed_in" if signed_in else "public"]:
            page.goto(f"{live_server.url}{path}")
            theme = page.evaluate("document.documentElement.dataset.bsTheme")
            if theme != mode:
                problems.append(f"{path}: data-bs-theme is {theme!r}")
            problems += [f"{path}: {v}" for v in serious_violations(page)]
    assert not problems, f"In {mode} mode at {size} size:\n" + "\n".join(problems)


def test_each_symptom_is_a_large_tap_target_in_its_group(browser, live_server, patient):
    context = browser.new_context(viewport=SIZES["phone"])
    try:
        page = context.new_page()
        log_in(page, live_server.url, "pat", PASSWORD)
        checkin = next(p for p in patient["signed_in"] if p.endswith("/checkin/"))
        page.goto(f"{live_server.url}{checkin}")
        groups = page.locator("fieldset.symptom-group")
        assert groups.first.locator("legend").inner_text() == "Signs of overdose: get help now"
        assert "symptom-group-overdose" in groups.first.get_attribute("class")
        labels = page.locator("fieldset.symptom-group label.symptom")
        texts = labels.all_inner_texts()
        assert len(texts) > 5 and len(texts) == len(set(texts))
        for label in labels.all():
            assert label.bounding_box()["height"] >= 44, label.inner_text()
        # The whole row is the label: a tap at its far right end ticks the box.
        last = labels.last
        box = last.bounding_box()
        last.click(position={"x": box["width"] - 4, "y": box["height"] / 2})
        assert last.locator("input").is_checked()
    finally:
        context.close()
