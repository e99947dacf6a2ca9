"""The dashboard's rendered page kept between loads (tracker/views/kept_page.py): served again
while nothing it shows has changed, never with another load's tokens, and rendered again the
moment anything it shows changes, by a write, by the clock or by an urgent check-in."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from drugs.models import DrugFact
from tests.factories import CourseFactory
from tracker.models import CheckIn
from tracker.views.kept_page import render_kept

pytestmark = pytest.mark.django_db

TOKEN = r'name="token" value="([^"]+)"'
CSRF = r'name="csrfmiddlewaretoken" value="([^"]+)"'


@pytest.fixture
def course(owner):
    return CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=2))


def _load(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response


def test_a_second_load_is_served_without_rendering_with_its_own_tokens(owner_client, course):
    first = _load(owner_client)
    second = _load(owner_client)
    assert first.context is not None  # rendered
    assert second.context is None  # served as kept: no template rendered
    html = second.content.decode()
    assert not re.search(r"slot[0-9a-f]{32}", html)  # every placeholder was filled in
    assert re.findall(TOKEN, html) != re.findall(TOKEN, first.content.decode())
    assert re.findall(CSRF, html) and re.search(r'data-rendered-at="\d{4}-\d\d-\d\dT', html)


def test_a_kept_pages_tokens_log_one_dose_each_and_pass_the_csrf_check(owner, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    _load(client)
    html = _load(client).content.decode()
    form = {"course": course.pk, "token": re.search(TOKEN, html)[1]}
    form["csrfmiddlewaretoken"] = re.search(CSRF, html)[1]
    assert client.post(reverse("dose_quick_log"), form).status_code == 302
    client.post(reverse("dose_quick_log"), form)  # the double tap
    assert course.doses.count() == 1
    assert "1 of 4 doses" in _load(client).content.decode()


def test_an_urgent_check_in_shows_on_a_kept_page_though_nothing_else_moved(owner_client, course):
    """Check-ins move the data version; this one is written behind the services' back, so
    only the question asked on every load can bring the banner."""
    _load(owner_client)
    assert "urgent-banner" not in _load(owner_client).content.decode()
    symptom = DrugFact.objects.get(
        drug=course.drug, kind="seek_care", text__startswith="Severe allergic"
    )
    checkin = CheckIn.objects.create(
        owner=course.owner,
        course=course,
        urgent=True,
        recorded_at=timezone.now(),
        severity="severe",
    )
    checkin.symptoms.add(symptom)
    assert "urgent-banner" in _load(owner_client).content.decode()
    CheckIn.objects.filter(pk=checkin.pk).update(dismissed_at=timezone.now())
    assert "urgent-banner" not in _load(owner_client).content.decode()


def test_a_load_with_a_message_is_rendered_in_full_and_not_kept(owner, course):
    """The message and its Undo belong to that load alone."""
    factory = RequestFactory()
    calls = []

    def context_for(tokens, rendered_at):
        calls.append(tokens)
        return {"data": None, "items": [], "now": timezone.now(), "rendered_at": rendered_at}

    def request(message: str = ""):
        made = factory.get("/")
        made.user, made.session = owner, SessionStore()
        made._messages = FallbackStorage(made)
        if message:
            made._messages.add(20, message)
        return made

    kept_args = {"key": "test", "inputs": (), "tokens": 0, "now": timezone.now(), "timeout": 60}
    with_message = request("Dose recorded.")
    page = render_kept(with_message, "tracker/dashboard.html", context_for, **kept_args)
    assert "Dose recorded." in page.content.decode() and len(calls) == 1
    assert get_messages(with_message).used  # read by that load, not left for the next
    render_kept(request(), "tracker/dashboard.html", context_for, **kept_args)
    render_kept(request(), "tracker/dashboard.html", context_for, **kept_args)
    assert len(calls) == 2  # the load with a message kept nothing; the next one did
