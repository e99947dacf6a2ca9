from django.contrib import messages
from django.shortcuts import redirect, render

from tracker.checkins import checkin_record
from tracker.models import CheckIn
from tracker.taper_forms import CheckInForm
from tracker.timeline import timeline_entries
from tracker.views.owned import course_for_user


def checkin_create(request, pk):
    course = course_for_user(request.user, pk)
    form = CheckInForm(request.POST or None, drug=course.drug)
    if request.method == "POST" and form.is_valid():
        checkin = checkin_record(
            owner=request.user,
            course=course,
            symptoms=list(form.cleaned_data["symptoms"]),
            severity=form.cleaned_data["severity"],
            note=form.cleaned_data["note"],
            recorded_at=form.recorded_at,
        )
        if checkin.urgent:
            messages.error(request, f"Urgent: {course.drug.seek_care_advice}")
        else:
            messages.success(request, "Check-in recorded. It shows on your timeline.")
        return redirect("dashboard")
    return render(request, "tracker/checkin_form.html", {"course": course, "form": form})


def course_timeline(request, pk):
    course = course_for_user(request.user, pk)
    checkins = (
        CheckIn.objects.for_owner(request.user).filter(course=course).prefetch_related("symptoms")
    )
    steps = list(course.taper_plan.steps.all()) if hasattr(course, "taper_plan") else []
    context = {"course": course, "entries": timeline_entries(steps, list(checkins))}
    return render(request, "tracker/timeline.html", context)
