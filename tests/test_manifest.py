"""The web app manifest and icons, so a phone can add the app to its home screen."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

from tests.factories import CourseFactory

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
    assert manifest["id"] == "/" and manifest["scope"] == "/"
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


def _kept_by_the_worker(client) -> list[str]:
    body = client.get(reverse("service_worker")).content.decode()
    return json.loads(re.search(r"self\.SW_ASSETS = (\[.*\]);", body).group(1))


def test_the_worker_keeps_every_file_the_dashboard_loads_so_it_opens_offline(owner_client, owner):
    CourseFactory(owner=owner)
    html = owner_client.get(reverse("dashboard")).content.decode()
    loaded = set(re.findall(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"', html))
    assert {"/static/js/offline-log.js", "/static/js/offline-queue.js"} <= loaded
    assert loaded - set(_kept_by_the_worker(owner_client)) == set()


def test_the_worker_knows_the_offline_page_and_the_pages_it_watches(client):
    body = client.get(reverse("service_worker")).content.decode()
    for name, url in [
        ("OFFLINE", reverse("offline")),
        ("DASHBOARD", reverse("dashboard")),
        ("LOGIN", reverse("login")),
        ("LOGOUT", reverse("logout")),
    ]:
        assert f'self.SW_{name}_URL = "{url}";' in body
    for name in _kept_by_the_worker(client):
        assert finders.find(name.removeprefix("/static/")), name


def test_the_offline_page_holds_nobodys_data(owner_client, owner):
    """The worker fetches it without cookies; even a signed-in rendering names no one."""
    html = owner_client.get(reverse("offline")).content.decode()
    assert "No connection" in html and f'href="{reverse("dashboard")}"' in html
    assert owner.username not in html and "Log out" not in html
    assert "<script>" not in html and " style=" not in html


def test_the_service_worker_is_served_with_the_static_files_manifest_of_make_run(
    client, tmp_path, settings
):
    """`make run` serves with DEBUG off: hashed names from the manifest that collectstatic
    writes, where asking for a file the manifest lacks is an error (a 500 on every page)."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    response = client.get(reverse("service_worker"))
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r"/static/js/sw-offline\.[0-9a-f]{12}\.js", body)
    assert re.search(r"/static/css/app\.[0-9a-f]{12}\.css", body)
