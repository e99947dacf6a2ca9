from django.http import Http404
from django.shortcuts import render

from tracker.pages.record_history import describe, revisions
from tracker.views.owned import comedication_for_user, course_for_user, dose_for_user

FETCHERS = {
    "course": course_for_user,
    "dose": dose_for_user,
    "comedication": comedication_for_user,
}


def record_history(request, kind, pk):
    fetch = FETCHERS.get(kind)
    if fetch is None:
        raise Http404("No such kind of record.")
    obj = fetch(request.user, pk)
    context = {
        "title": describe(obj),
        "kind": kind,
        "revisions": revisions(obj, request.user),
    }
    return render(request, "tracker/record_history.html", context)
