import time
import zoneinfo

from django.conf import settings
from django.contrib.auth import logout
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property

from tracker import throttle
from tracker.auth_events import SESSION_STARTED, TIME_ZONE_KEY
from tracker.device_sessions import session_is_over, track_device
from tracker.models import Profile

SESSION_TOUCHED = "touched_at"


class PermissionsPolicyMiddleware:
    """Turn off the browser features named in settings.PERMISSIONS_POLICY, on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class SessionLimitsMiddleware:
    """End a signed-in session once it is older than the absolute maximum, however active (a
    trusted device's: at its fixed end), renew its idle time on activity, writing the session at
    most once every SESSION_REFRESH_SECONDS, and keep the session's device row.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(SESSION_STARTED)
            if started is None:
                request.session[SESSION_STARTED] = now
            elif session_is_over(request.session, now):
                logout(request)
                return self.get_response(request)
            elif now - request.session.get(SESSION_TOUCHED, started) >= (
                settings.SESSION_REFRESH_SECONDS
            ):
                # A changed session is saved with a new expiry, and its cookie sent again.
                # (A trusted device's session has a fixed expiry date: saving keeps it.)
                request.session[SESSION_TOUCHED] = now
            track_device(request, request.user, now)
        return self.get_response(request)


class LoginThrottleMiddleware:
    """Slow down, then block, log-ins from an address that fails many, whatever the usernames
    (password spraying). The site's and the admin's log-in pages are both covered."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def login_paths(self):
        return {reverse("login"), reverse("admin:login")}

    def __call__(self, request):
        if request.method != "POST" or request.path not in self.login_paths:
            return self.get_response(request)
        refusal = throttle.login_refusal(request)
        if refusal is not None:
            return throttle.refusal_response(request, refusal)
        response = self.get_response(request)
        if not request.user.is_authenticated:
            throttle.login_failed(request)
        return response


class NoStoreMiddleware:
    """Pages seen by a signed-in user hold health data: no browser or proxy may keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class UserTimezoneMiddleware:
    """Activate the signed-in user's time zone, so forms and templates use local time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Kept in the session so most requests need no query; settings refresh it.
            tz_name = request.session.get(TIME_ZONE_KEY)
            if tz_name is None:
                tz_name = request.session[TIME_ZONE_KEY] = Profile.objects.time_zone_for(user)
            timezone.activate(zoneinfo.ZoneInfo(tz_name))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
