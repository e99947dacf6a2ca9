"""The web app manifest and icons, so a phone can add the app to its home screen."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_link_the_manifest_and_icons(client):
    html = client.get(reverse("drugs:list")).content.decode()
    assert f'rel="manifest" href="{reverse("web_manifest")}"' in html
    assert "apple-touch-icon" in html


def test_the_manifest_names_the_app_and_icons_that_exist(client):
    response = client.get(reverse("web_manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        name = icon["src"].removeprefix("/static/")
        assert finders.find(name), name
        assert Path(finders.find(name)).stat().st_size > 100


def test_the_service_worker_is_served_at_the_root_with_its_parts(client):
    response = client.get(reverse("service_worker"))
    assert reverse("service_worker") == "/sw.js"
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    for part in ("js/sw-offline.js", "js/sw-push.js", "css/app.css"):
        assert part in body
        assert finders.find(part), part


def test_pages_register_the_service_worker(client):
    html = client.get(reverse("drugs:list")).content.decode()
    assert 'data-service-worker="/sw.js"' in html
    assert "js/sw-register.js" in html
