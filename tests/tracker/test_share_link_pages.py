"""The patient's side of share links: the page to make one (the address and QR code shown
once), bad input, the list with each link's status and openings, revoking, and the logs."""

import logging
import re
import uuid

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import CourseFactory
from tests.tracker.share_data import NOW, later, make_course, make_patient, share
from tracker.log_redaction import hide_tokens
from tracker.models import ShareLink
from tracker.services import sharing

pytestmark = pytest.mark.django_db

VALID = {"scope": "summary", "expires_in_days": "7", "display_name": "P. W."}


@pytest.fixture
def patient(client):
    user = make_patient()
    client.force_login(user)
    return user


@pytest.fixture
def course(patient):
    return make_course(patient)


def _create(client, course, **changes):
    data = VALID | {"form_token": str(uuid.uuid4())} | changes
    with time_machine.travel(NOW, tick=False):
        return client.post(reverse("share_link_create", args=[course.pk]), data)


def _shown_url(html: str) -> str:
    return re.search(r'id="share-url" [^>]*value="([^"]+)"', html).group(1)


def test_the_course_page_offers_to_share_it(client, course):
    html = client.get(reverse("course_detail", args=[course.pk])).content.decode()
    assert f'href="{reverse("course_share", args=[course.pk])}"' in html


def test_creating_a_link_shows_its_address_and_qr_code_once(client, course):
    response = _create(client, course)
    html = response.content.decode()
    url = _shown_url(html)
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert url == f"http://testserver/shared/{token}/"
    assert '<svg role="img" width=' in html and "<title>QR code of the share link</title>" in html
    assert "style=" not in html.split('class="share-qr"')[1].split("</figure>")[0]  # CSP
    assert "the only time the address is shown" in html
    link = ShareLink.objects.get()
    assert (link.scope, link.display_name) == ("summary", "P. W.")
    assert link.expires_at == later(days=7)
    page = client.get(reverse("course_share", args=[course.pk])).content.decode()
    assert token not in page  # never again


def test_the_shown_address_opens_the_shared_page(client, course):
    url = _shown_url(_create(client, course, scope="full").content.decode())
    client.logout()
    with time_machine.travel(NOW, tick=False):
        response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200 and b"every dose and check-in" in response.content


def test_a_reloaded_creation_makes_no_second_link(client, course):
    """The browser sends the form again: one link, and the patient is told where it is."""
    form_token = str(uuid.uuid4())
    assert _create(client, course, form_token=form_token).status_code == 200
    again = _create(client, course, form_token=form_token)
    assert again.status_code == 302 and again.url == reverse("course_share", args=[course.pk])
    assert ShareLink.objects.count() == 1
    page = client.get(again.url).content.decode()
    assert "That link was already made, and its address shown once" in page
    assert form_token not in page  # the new form has a new token


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"expires_in_days": "0"}, "A link works for at least 1 day."),
        ({"expires_in_days": "31"}, "A link works for at most 30 days; make a new one later."),
        ({"expires_in_days": "seven"}, "Enter a whole number of days."),
        ({"expires_in_days": ""}, "Enter how many days the link works: 1 to 30."),
        ({"scope": "everything"}, "Select a valid choice."),
        ({"scope": ""}, "Choose what the link shows."),
        ({"display_name": "x" * 81}, "Ensure this value has at most 80 characters"),
        ({"form_token": "not-a-token"}, "This form has expired. Reload the page and try again."),
    ],
)
def test_bad_input_is_refused_on_the_form_and_nothing_is_saved(client, course, changes, message):
    response = _create(client, course, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ShareLink.objects.exists()


def test_control_characters_are_dropped_from_the_display_name(client, course):
    _create(client, course, display_name="  Pat\x07 W.\x1b  ")
    assert ShareLink.objects.get().display_name == "Pat W."


@pytest.mark.parametrize(
    "kwargs",
    [
        {"expires_in_days": 0},
        {"expires_in_days": 31},
        {"expires_in_days": "7"},
        {"expires_in_days": True},
        {"scope": "all"},
        {"display_name": "x" * 81},
    ],
)
def test_the_service_refuses_what_the_form_refuses(course, kwargs):
    """Whatever calls it, not only the form."""
    arguments = {"course": course, "scope": "full", "expires_in_days": 7} | kwargs
    with pytest.raises(ValidationError):
        sharing.share_link_create(**arguments)
    assert not ShareLink.objects.exists()


def test_the_list_shows_each_links_status_and_openings(client, course):
    opened = share(course, name="Dr A")
    share(course, days=1, name="Dr B")  # expired by then
    revoked = share(course, name="Dr C")
    sharing.share_link_revoke(link=revoked.link)
    for hours in (1, 3):
        with time_machine.travel(later(hours=hours), tick=False):
            sharing.share_link_open(token=opened.token)
    with time_machine.travel(later(days=2), tick=False):
        html = client.get(reverse("course_share", args=[course.pk])).content.decode()
    rows = dict(re.findall(r'data-status="(\w+)">.*?<td>(Dr \w)</td>', html, re.S))
    assert rows == {"active": "Dr A", "expired": "Dr B", "revoked": "Dr C"}
    assert "2 times, last 4 Jun 2026, 15:00" in html  # the patient's time zone
    assert "Thu 4 Jun 2026, 13:00" in html  # each opening
    assert html.count(">Revoke</button>") == 1  # only the active link


def test_the_list_reads_a_fixed_number_of_queries(client, course, django_assert_num_queries):
    """Guards against a query per link for its openings."""
    share(course)
    url = reverse("course_share", args=[course.pk])
    client.get(url)
    with django_assert_num_queries(6):
        client.get(url)
    for _ in range(3):
        new = share(course)
        sharing.share_link_open(token=new.token)
    with django_assert_num_queries(6):
        client.get(url)


def test_revoking_stops_the_link_and_says_so(client, course):
    new = share(course)
    response = client.post(reverse("share_link_revoke", args=[new.link.pk]), follow=True)
    assert "Link revoked" in response.content.decode()
    assert ShareLink.objects.get().revoked_at is not None
    assert sharing.share_link_open(token=new.token) is None
    again = client.post(reverse("share_link_revoke", args=[new.link.pk]), follow=True)
    assert "already revoked" in again.content.decode()


def test_revoking_needs_a_post(client, course):
    new = share(course)
    assert client.get(reverse("share_link_revoke", args=[new.link.pk])).status_code == 405
    assert ShareLink.objects.get().revoked_at is None


def test_another_patients_course_and_links_are_404_and_unchanged(client, patient):
    theirs = CourseFactory()
    their_link = share(theirs).link
    assert client.get(reverse("course_share", args=[theirs.pk])).status_code == 404
    assert _create(client, theirs).status_code == 404
    assert client.post(reverse("share_link_revoke", args=[their_link.pk])).status_code == 404
    assert list(ShareLink.objects.values_list("pk", "revoked_at")) == [(their_link.pk, None)]


def test_no_log_line_holds_a_token(client, course, caplog):
    caplog.set_level(logging.DEBUG)
    with caplog.at_level(logging.DEBUG):
        url = _shown_url(_create(client, course).content.decode())
        token = url.rstrip("/").rsplit("/", 1)[1]
        link = ShareLink.objects.get()
        sharing.share_link_revoke(link=link)
        client.get(url.removeprefix("http://testserver"))  # a 404, which Django logs
    assert "share_link_created" in caplog.text and "Not Found: /shared/" in caplog.text
    assert token not in caplog.text


def test_the_development_servers_request_lines_hide_tokens(caplog):
    server = logging.getLogger("django.server")
    server.addHandler(caplog.handler)
    try:
        server.info('"%s" %s %s', "GET /shared/" + "t" * 43 + "/ HTTP/1.1", "200", "5120")
    finally:
        server.removeHandler(caplog.handler)
    assert '"GET /shared/[token hidden]/ HTTP/1.1" 200 5120' in caplog.text
    assert "t" * 43 not in caplog.text


def test_the_service_makes_one_link_per_form_token(course):
    form_token = uuid.uuid4()
    sharing.share_link_create(course=course, scope="full", expires_in_days=7, form_token=form_token)
    with pytest.raises(ValidationError) as refused:
        sharing.share_link_create(
            course=course, scope="summary", expires_in_days=3, form_token=form_token
        )
    assert refused.value.code == "already_created"
    assert ShareLink.objects.count() == 1


def test_a_calendar_feed_token_is_hidden_too(caplog):
    server = logging.getLogger("django.server")
    server.addHandler(caplog.handler)
    try:
        server.info('"%s" %s %s', "GET /calendar/" + "c" * 43 + ".ics HTTP/1.1", "200", "900")
    finally:
        server.removeHandler(caplog.handler)
    assert '"GET /calendar/[token hidden].ics HTTP/1.1" 200 900' in caplog.text
    assert "c" * 43 not in caplog.text


def test_hiding_a_token_twice_changes_nothing_more():
    """The development server configures logging twice, so each logger filters twice."""
    once = hide_tokens('"GET /shared/' + "t" * 43 + '/ HTTP/1.1" 404')
    assert once == '"GET /shared/[token hidden]/ HTTP/1.1" 404'
    assert hide_tokens(once) == once
