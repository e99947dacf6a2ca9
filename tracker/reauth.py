"""Sensitive actions ask for the password again unless it was entered in the last
REAUTH_MINUTES: someone who finds a signed-in device cannot take the data away, lock the owner
out or delete the account.

Apply `@recent_password_required` to a view (`@method_decorator(recent_password_required,
name="dispatch")` on a class). A GET is sent to the confirm page and comes back to the same
address. A POST is never kept and replayed: the user comes back to the page the form is on
(the same path, or `return_to`) and presses the button again. A JSON request gets a 403 with
the confirm page's address instead, for the script to go there.
"""

import time
from functools import wraps
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

PASSWORD_CONFIRMED = "password_confirmed_at"
REPEAT_MESSAGE = "Nothing was changed yet: confirm your password, then do it again."


def mark_password_confirmed(session) -> None:
    session[PASSWORD_CONFIRMED] = time.time()


def password_recently_confirmed(request) -> bool:
    confirmed = request.session.get(PASSWORD_CONFIRMED)
    return confirmed is not None and time.time() - confirmed < settings.REAUTH_MINUTES * 60


def safe_next(request, value: str | None) -> str:
    """Return `value` when it is a path on this site, else the settings page's path."""
    if (
        value
        and value.startswith("/")
        and not value.startswith("//")
        and "\\" not in value
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return value
    return reverse("settings")


def confirm_url(next_path: str) -> str:
    return f"{reverse('password_confirm')}?{urlencode({'next': next_path})}"


def _wants_json(request) -> bool:
    return request.content_type == "application/json" or "application/json" in request.headers.get(
        "Accept", ""
    )


def ask_for_password(request, *, next_path: str):
    """Return the response that sends the user to confirm their password, then to next_path."""
    if request.method in ("GET", "HEAD"):
        return redirect(confirm_url(next_path))
    if _wants_json(request):
        return JsonResponse(
            {"error": "password_confirmation_required", "confirm_url": confirm_url(next_path)},
            status=403,
        )
    messages.info(request, REPEAT_MESSAGE)
    return redirect(confirm_url(next_path))


def _page_the_form_was_on(request) -> str:
    """Return the path of the page that sent this POST (its Referer, when on this site), or the
    POST's own path, which for most forms is also the page they are on."""
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc == request.get_host() and referer.path.startswith("/"):
        return safe_next(request, referer.path)
    return request.path


def recent_password_required(view=None, *, return_to: str | None = None):
    """Let the view run only if the password was entered in the last REAUTH_MINUTES.

    `return_to` names the page a refused POST comes back to; by default the page the form was on
    (the Referer, on this site), else the POST's own path.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if password_recently_confirmed(request):
                return view(request, *args, **kwargs)
            if request.method in ("GET", "HEAD"):
                next_path = request.get_full_path()
            elif return_to:
                next_path = reverse(return_to)
            else:
                next_path = _page_the_form_was_on(request)
            return ask_for_password(request, next_path=next_path)

        return wrapper

    return decorate(view) if view is not None else decorate


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    # The password was just entered (or chosen, at sign-up).
    if request is not None and hasattr(request, "session"):
        mark_password_confirmed(request.session)
