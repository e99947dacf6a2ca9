"""Security headers, no inline scripts, no caching of health data, friendly error pages."""

import re

import pytest
from django.urls import path, reverse

from tests.factories import PASSWORD, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)


def _boom(request):
    raise RuntimeError("secret detail that must not leak")


urlpatterns = [path("boom/", _boom)]


def test_the_security_headers_are_sent(client):
    response = client.get(reverse("drugs:list"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_every_response_turns_off_unused_browser_features(client, settings):
    UserFactory(username="pat")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "pat", "password": "wrong"})
    responses = {
        "page": client.get(reverse("drugs:list")),
        "redirect": client.get(reverse("dashboard")),
        "not found": client.get("/drugs/no-such-drug/"),
        "locked out": client.post(reverse("login"), {"username": "pat", "password": PASSWORD}),
    }
    for kind, response in responses.items():
        policy = response["Permissions-Policy"]
        for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
            assert f"{feature}=()" in policy, kind
    assert responses["locked out"].status_code == 429


def test_pages_have_no_inline_scripts_handlers_or_styles(owner_client, owner):
    course = CourseFactory(owner=owner)
    for url in [
        reverse("dashboard"),
        reverse("dose_history"),
        reverse("comedication_list"),
        reverse("settings"),
        reverse("course_start"),
        reverse("taper_plan", args=[course.pk]),
        reverse("drugs:detail", args=["carisoprodol"]),
        reverse("drugs:compare"),
        reverse("checkin_create", args=[course.pk]),
        reverse("course_detail", args=[course.pk]),
    ]:
        html = owner_client.get(url).content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_HANDLER.search(html), url
        assert not STYLE_ATTRIBUTE.search(html), url


def test_pages_with_health_data_are_not_cached(owner_client):
    for url in [reverse("dashboard"), reverse("dose_history"), reverse("export_json")]:
        cache = owner_client.get(url)["Cache-Control"]
        assert "no-store" in cache and "private" in cache, url


def test_a_404_is_friendly_and_shows_no_internals(client, settings):
    settings.DEBUG = False
    response = client.get("/drugs/no-such-drug/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Not found" in html and "Traceback" not in html


@pytest.mark.urls("tests.security.test_headers")
def test_a_500_is_friendly_and_shows_no_traceback(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "secret detail" not in html and "Traceback" not in html
