from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse

from tracker.exports.calendar import build_feed
from tracker.models import Course, Profile


@login_not_required
def calendar_feed(request, token):
    """The private feed: the long random token is the only key; a wrong or revoked one is 404."""
    profile = Profile.objects.select_related("user").filter(calendar_token=token).first()
    if profile is None or not token:
        raise Http404("No calendar at this address.")
    courses = list(
        Course.objects.active_for(profile.user)
        .select_related("taper_plan")
        .prefetch_related("taper_plan__steps")
    )
    response = HttpResponse(
        build_feed(profile, courses), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "no-store"
    return response
