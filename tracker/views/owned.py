"""One helper per model that fetches an object for its owner and answers 404 for anyone else.

A miss is logged as a security event: it is either a stale link or someone probing ids.
"""

from django.http import Http404

from tracker.models import CoMedication, Course, Device, Dose, Profile, ShareLink
from tracker.security_log import log_event


def _owned(queryset, user, pk, kind: str):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        log_event("access_denied", user_id=user.pk, object=kind, object_id=str(pk)[:40])
        raise Http404(f"No {kind} of yours at this address.")
    return obj


# A course's pages and dose checks ask for its taper plan (none, mostly): read in the same query.
def course_for_user(user, pk) -> Course:
    return _owned(Course.objects.for_owner(user).select_related("taper_plan"), user, pk, "course")


def active_course_for_user(user, pk) -> Course:
    courses = Course.objects.active_for(user).select_related("taper_plan")
    return _owned(courses, user, pk, "active course")


def dose_for_user(user, pk) -> Dose:
    doses = Dose.objects.for_owner(user).select_related("course__drug__limits_source")
    return _owned(doses, user, pk, "dose")


def comedication_for_user(user, pk) -> CoMedication:
    return _owned(CoMedication.objects.for_owner(user), user, pk, "co-medication")


def profile_for_user(user) -> Profile:
    """Return the user's profile with the user; every account has one (created with it)."""
    return Profile.objects.select_related("user").get(user=user)


def device_for_user(user, pk) -> Device:
    """Return one of the user's signed-in devices."""
    return _owned(Device.objects.signed_in_for(user), user, pk, "device")


def share_link_for_user(user, pk) -> ShareLink:
    links = ShareLink.objects.for_owner(user).select_related("course")
    return _owned(links, user, pk, "share link")
