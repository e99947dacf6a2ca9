import zoneinfo

from django.utils import timezone

from tracker.models import Profile


class UserTimezoneMiddleware:
    """Activate the signed-in user's time zone, so forms and templates use local time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            tz_name = Profile.objects.time_zone_for(user)
            timezone.activate(zoneinfo.ZoneInfo(tz_name))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
