import time
import zoneinfo

from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone
from django.utils.cache import patch_cache_control

from tracker.models import Profile
from tracker.signals import SESSION_STARTED, TIME_ZONE_KEY


class SessionLimitsMiddleware:
    """End a signed-in session once it is older than the absolute maximum, however active."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED)
            if started is None:
                request.session[SESSION_STARTED] = time.time()
            elif time.time() - started > settings.SESSION_ABSOLUTE_MAX_AGE:
                logout(request)
        return self.get_response(request)


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
