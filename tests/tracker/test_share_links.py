"""Share links, as the person given one meets them: the token, what the page shows to whom,
expiry, revocation, wrong tokens, and what is recorded of each opening."""

import base64
import hashlib
import re
import secrets
from datetime import date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from drugs.models import Drug
from drugs.reference_memo import forget_kept
from tests.factories import (
    CoMedicationFactory,
    CourseFactory,
    DoseFactory,
    InteractionFactory,
    SourceFactory,
    UserFactory,
)
from tests.tracker.share_data import (
    CHECKIN_NOTE,
    DOSE_NOTE,
    NOW,
    OTHER_COURSE_WORDS,
    PARIS,
    later,
    make_course,
    make_interacting_course,
    make_other_course,
    make_patient,
    share,
)
from tracker.models import Course, ShareLink, ShareLinkView
from tracker.services import sharing
from tracker.services.accounts import account_delete

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient():
    return make_patient()


@pytest.fixture
def course(patient):
    return make_course(patient)


def _open(client, token, at=NOW):
    with time_machine.travel(at, tick=False):
        return client.get(reverse("shared_course", args=[token]))


def _page(client, token, at=NOW) -> str:
    response = _open(client, token, at)
    assert response.status_code == 200
    return response.content.decode()


def _not_found_body(client, token, at=NOW) -> str:
    response = _open(client, token, at)
    assert response.status_code == 404
    return response.content.decode()


def test_the_token_is_256_random_bits_and_only_its_sha256_is_stored(course):
    new = share(course)
    assert len(base64.urlsafe_b64decode(new.token + "=")) == 32
    stored = ShareLink.objects.filter(pk=new.link.pk).values().get()
    assert stored["token_hash"] == hashlib.sha256(new.token.encode()).hexdigest()
    assert all(new.token not in str(value) for value in stored.values())


def test_two_links_never_share_a_token(course):
    assert share(course).token != share(course).token


def test_a_link_opens_the_course_without_an_account(client, course):
    html = _page(client, share(course, name="P. W.").token)
    assert "Shared by P. W., read-only, expires Thu 11 Jun 2026, 12:00" in html
    assert "Carisoprodol course" in html and "Dr Visible" in html
    assert "This app informs; it does not replace the prescriber" in html
    assert "sessionid" not in client.cookies


def test_the_page_shows_the_chosen_display_name_only(client, course):
    html = _page(client, share(course, name="P. W.").token)
    for account_words in ("Penelope", "Whittaker", "pwhittaker"):
        assert account_words not in html


def test_the_display_name_is_shown_as_text_never_as_markup(client, course):
    html = _page(client, share(course, name='<script>alert("x")</script>').token)
    assert "<script>alert" not in html
    assert "Shared by &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;, read-only" in html


def test_without_a_display_name_it_says_the_patient(client, course):
    html = _page(client, share(course).token)
    assert "Shared by the patient, read-only" in html
    assert "Whittaker" not in html


def test_the_page_is_not_for_search_engines_caches_or_referrers(client, course):
    response = _open(client, share(course).token)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


@pytest.mark.parametrize("scope", ["summary", "full"])
def test_the_page_has_no_link_into_the_app(client, patient, course, scope):
    CoMedicationFactory(owner=patient, name="Xanax", start_date=date(2026, 6, 1))
    html = _page(client, share(course, scope=scope).token)
    assert "Xanax (alprazolam)" in html  # an interaction row is on the page too
    links = re.findall(r"<a\s[^>]*href=\"([^\"]*)\"", html)
    assert links == []  # not even a number to call: its viewer may be anywhere
    assert "In an emergency call your local emergency number." in html
    assert "<form" not in html and "<nav" not in html
    assert "sw-register.js" not in html  # no service worker from a page opened by a stranger


def test_a_link_that_opens_nothing_has_no_link_into_the_app_either(client, course):
    """The person given an expired link is no user of the app: the page offers no log-in and
    installs no service worker."""
    new = share(course, days=1)
    html = _not_found_body(client, new.token, at=later(days=2))
    assert "This share link does not open anything" in html
    assert re.findall(r"<a\s[^>]*href=\"([^\"]*)\"", html) == []
    assert "<nav" not in html and "sw-register.js" not in html and "manifest" not in html


def test_a_summary_only_link_never_shows_doses_or_check_ins(client, course):
    html = _page(client, share(course, scope="summary").token)
    assert "Daily totals" in html  # the summary is there
    assert DOSE_NOTE not in html and CHECKIN_NOTE not in html
    for time_of_dose in ("08:13", "14:27", "09:41", "07:59"):
        assert time_of_dose not in html
    assert "no individual doses or check-ins" in html


def test_a_full_link_shows_every_dose_and_check_in_in_the_patients_time_zone(client, course):
    html = _page(client, share(course, scope="full").token)
    for time_of_dose in ("08:13", "14:27", "09:41", "07:59"):  # Paris times, not UTC
        assert f"{time_of_dose}: 350 mg" in html
    assert DOSE_NOTE in html and CHECKIN_NOTE in html
    assert "Tue 2 Jun 2026, 20:05 (mild)" in html


def test_another_courses_data_is_never_visible(client, patient, course):
    make_other_course(patient)
    stranger_course = CourseFactory(owner=UserFactory(), prescriber="Dr Stranger")
    DoseFactory(course=stranger_course, note="stranger-dose-note")
    html = _page(client, share(course, scope="full").token)
    for words in [*OTHER_COURSE_WORDS, "otherdrugzed", "Dr Stranger", "stranger-dose-note"]:
        assert words not in html
    assert "Melatoninzed" not in html  # taken only during the other course
    assert "Ibuprofen" in html  # taken during this one


# What the patient's other course would reveal: the drug, its brands, its class (in the name of
# the combination it makes with carisoprodol and a benzodiazepine).
INTERACTING_COURSE_WORDS = ["oxycodone", "oxycontin", "roxicodone", "opioid"]
SCOPE_NOTE = (
    "This page covers this course and the co-medications recorded during it only: other "
    "medicines the patient takes may not be shown"
)


@pytest.mark.parametrize("scope", ["summary", "full"])
def test_another_course_that_interacts_is_never_named(client, patient, course, scope):
    """Issue #20: only the shared course's co-medications are checked against it on the shared
    page, so the patient's other course is not named, not even through an interaction."""
    make_interacting_course(patient)
    CoMedicationFactory(owner=patient, name="Xanax", start_date=date(2026, 6, 1))
    html = _page(client, share(course, scope=scope).token)
    for words in INTERACTING_COURSE_WORDS:
        assert words not in html.lower(), words
    rows = re.findall(r'<tr class="interaction-warning">(.*?)</tr>', html, re.S)
    assert len(rows) == 1 and "Xanax (alprazolam)" in rows[0]  # its co-medication still is
    assert SCOPE_NOTE in html  # never read as every interaction of the patient


def test_the_patients_own_summary_still_shows_the_interaction_with_another_course(
    client, patient, course
):
    make_interacting_course(patient)
    CoMedicationFactory(owner=patient, name="Xanax", start_date=date(2026, 6, 1))
    client.force_login(patient)
    with time_machine.travel(NOW, tick=False):
        html = client.get(reverse("course_summary", args=[course.pk])).content.decode()
    assert "carisoprodol (your course) + oxycodone (your course)" in html
    assert "Dangerous combination, Opioid + benzodiazepine + carisoprodol" in html


def test_with_no_interaction_found_the_page_still_says_what_it_covers(client, course):
    """Never an all-clear: the patient may take medicines the page does not show."""
    html = _page(client, share(course).token)
    assert "interaction-warning" not in html
    assert "No interaction with this course found among these names" in html
    assert SCOPE_NOTE in html


def test_the_sources_are_only_those_of_what_the_page_shows(client, patient, course):
    """A source's title can name a drug: an interaction between medicines begun after the
    course ended is not on the page, nor is its source."""
    Course.objects.filter(pk=course.pk).update(status="finished", end_date=date(2026, 6, 3))
    InteractionFactory(
        drug_a=Drug.objects.get(slug="alprazolam"),
        drug_b=Drug.objects.get(slug="oxycodone"),
        source=SourceFactory(key="LATER-SOURCE", title="later-source-title"),
    )
    for name in ("Xanax", "Roxicodone"):
        CoMedicationFactory(owner=patient, name=name, start_date=date(2026, 6, 4))
    html = _page(client, share(course).token)
    assert "SOMA-LABEL" in html  # the course's own sources are listed
    for words in ("LATER-SOURCE", "later-source-title", "Xanax", "Roxicodone"):
        assert words not in html, words


def test_a_link_works_until_it_expires_then_answers_404(client, course):
    token = share(course, days=1).token
    assert _open(client, token, at=later(days=1, seconds=-1)).status_code == 200
    assert _open(client, token, at=later(days=1)).status_code == 404


def test_a_revoked_link_answers_404_at_once(client, course):
    new = share(course)
    assert _open(client, new.token).status_code == 200
    with time_machine.travel(later(minutes=5), tick=False):
        assert sharing.share_link_revoke(link=new.link)
    assert _open(client, new.token, at=later(minutes=6)).status_code == 404


def test_a_guessed_or_altered_token_answers_404_and_records_nothing(client, course):
    token = share(course).token
    flipped = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    guesses = [secrets.token_urlsafe(32), flipped, token[:-1], token + "x", token.swapcase()]
    for guess in guesses:
        assert _open(client, guess).status_code == 404, guess
    assert ShareLinkView.objects.count() == 0


def test_wrong_expired_and_revoked_look_the_same(client, patient, course):
    """No hint which: the same page, the same words, for every token that opens nothing."""
    expired = share(course, days=1).token
    revoked = share(course)
    sharing.share_link_revoke(link=revoked.link)
    at = later(days=2)
    bodies = {_not_found_body(client, t, at) for t in (expired, revoked.token, "a" * 43, "short")}
    assert len(bodies) == 1
    assert "This share link does not open anything" in bodies.pop()


def test_the_comparison_of_hashes_is_constant_time_and_decides(client, course, monkeypatch):
    token = share(course).token
    compared = []

    def refuse(stored, given):
        compared.append((stored, given))
        return False

    monkeypatch.setattr(sharing.hmac, "compare_digest", refuse)
    assert _open(client, token).status_code == 404  # the database matched; the comparison said no
    digest = hashlib.sha256(token.encode()).hexdigest()
    assert compared == [(digest, digest)]


def test_each_opening_is_recorded_with_its_time_only(client, course):
    new = share(course)
    _open(client, new.token, at=later(hours=1))
    _open(client, new.token, at=later(hours=2))
    opens = list(new.link.opens.order_by("viewed_at").values())
    assert [o["viewed_at"] for o in opens] == [later(hours=1), later(hours=2)]
    assert set(opens[0]) == {"id", "link_id", "viewed_at"}  # no address, no browser


def test_a_link_of_an_ended_course_works_until_it_expires(client, course):
    new = share(course, days=10)
    Course.objects.filter(pk=course.pk).update(status="finished", end_date=date(2026, 6, 5))
    html = _page(client, new.token, at=later(days=5))
    assert "Finished as planned" in html and "to Fri 5 Jun 2026" in html
    assert _open(client, new.token, at=later(days=10)).status_code == 404


def test_deleting_the_account_removes_its_links_and_their_openings(client, patient, course):
    new = share(course)
    _open(client, new.token)
    account_delete(user=patient)
    assert not ShareLink.objects.exists() and not ShareLinkView.objects.exists()
    assert _open(client, new.token).status_code == 404


def test_only_get_opens_the_page(client, course):
    token = share(course).token
    with time_machine.travel(NOW, tick=False):
        assert client.post(reverse("shared_course", args=[token])).status_code == 405
    assert ShareLinkView.objects.count() == 0


@pytest.mark.parametrize("scope, queries", [("summary", 13), ("full", 16)])
def test_the_shared_page_reads_a_fixed_number_of_queries(
    client, patient, course, scope, queries, django_assert_num_queries
):
    """However many doses, days, co-medications and other courses: guards against a query per
    dose, per day or per check-in (the summary's day rows, the dose list's problems, the
    check-ins' symptoms) and per co-medication (its ingredients)."""
    token = share(course, scope=scope).token
    forget_kept()  # built from nothing: the reference rules kept per version included
    with django_assert_num_queries(queries):
        _open(client, token)
    for day in range(1, 4):
        for hour in (1, 5, 17):
            DoseFactory(course=course, taken_at=NOW.replace(day=day, hour=hour, minute=3))
    make_interacting_course(patient)
    make_other_course(patient)
    for name in ("Xanax", "Percocet", "herbal tea"):
        CoMedicationFactory(owner=patient, name=name, start_date=date(2026, 6, 1))
    forget_kept()
    with django_assert_num_queries(queries):
        _open(client, token)


def test_a_full_link_shows_each_doses_problems_with_the_app_default_note(course):
    DoseFactory(course=course, taken_at=datetime(2026, 6, 3, 8, 59, tzinfo=PARIS))  # 1 h after
    page = _page(Client(), share(course, scope="full").token)
    assert page.count('class="dose-problem"') == 1
    assert "Too soon after the previous dose" in page
    assert "confirm it with the prescriber" in page  # the minimum gap is an app default
