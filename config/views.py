import hashlib
import json
import os

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse


@login_not_required
def web_manifest(request):
    """The web app manifest, so a phone can add the app to its home screen."""
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ] + [{"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"}]
    manifest = {
        "name": "Course tracker",
        "short_name": "Course",
        "description": "Track a short medication course: doses, limits, interactions, taper.",
        # A stable identity, so a phone keeps one installed app if start_url ever moves.
        "id": reverse("dashboard"),
        "start_url": reverse("dashboard"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0d6efd",
        "icons": icons,
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


# What the service worker keeps for offline use: the styles, scripts and icons of every page and
# of the dashboard, which opens offline from the copy the worker kept (static/js/sw-offline.js).
OFFLINE_ASSETS = (
    "bootstrap/css/bootstrap.min.css",
    "bootstrap/js/bootstrap.bundle.min.js",
    "css/app.css",
    "js/theme.js",
    "js/sw-register.js",
    "js/submit-once.js",
    "js/offline-queue.js",
    "js/offline-log.js",
    "js/offline-signout.js",
    "icons/icon.svg",
    "icons/icon-192.png",
)


def _assets_version(assets: list[str]) -> str:
    """Return a version that changes with any kept file: their hashed names in production;
    in development, where names do not change, their modification times too."""
    parts = list(assets)
    if settings.DEBUG:
        for name in OFFLINE_ASSETS:
            found = finders.find(name)
            parts.append(str(os.stat(found).st_mtime_ns) if found else name)
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


@login_not_required
def service_worker(request):
    """The service worker, at the site root so its scope covers every page. Never cached by
    the browser's HTTP cache (the browser checks it for updates); its version follows the
    files it keeps, so a new release replaces the old caches."""
    assets = [static(name) for name in OFFLINE_ASSETS]
    context = {
        "assets": json.dumps(assets),
        "version": _assets_version(assets),
        "offline_url": reverse("offline"),
        "dashboard_url": reverse("dashboard"),
        "login_url": reverse("login"),
        "logout_url": reverse("logout"),
        # The prefix only: static("") would ask the manifest for a file named "" when DEBUG is off.
        "static_url": settings.STATIC_URL,
    }
    response = render(request, "pwa/sw.js", context, content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
def offline_page(request):
    """What the service worker shows for a page it cannot load or send without a connection.
    Kept by the worker at install, so it holds nobody's data."""
    return render(request, "pwa/offline.html")


def ping(request):
    """A minimal signed-in view: the framework floor the benchmark compares pages against."""
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    """The 404 page, with the reason a view gave in words ("No course of yours at this
    address."); never Django's own text, which names models and URL patterns."""
    reason = ""
    if type(exception) is Http404 and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
        # get_object_or_404's message names the model.
        if not message.endswith("matches the given query."):
            reason = message
    return render(request, "404.html", {"reason": reason}, status=404)
