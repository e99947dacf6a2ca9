from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tracker.forms.checkins import CheckInForm
from tracker.pages.timeline import timeline_entries
from tracker.services import checkins
from tracker.views.owned import course_for_user


def checkin_create(request, pk):
    course = course_for_user(request.user, pk)
    form = CheckInForm(request.POST or None, drug=course.drug)
    if request.method == "POST" and form.is_valid():
        saved = checkins.checkin_record(
            owner=request.user,
            course=course,
            symptoms=list(form.cleaned_data["symptoms"]),
            severity=form.cleaned_data["severity"],
            note=form.cleaned_data["note"],
            recorded_at=form.recorded_at,
        )
        if saved.record.urgent:
            advice = course.drug.seek_care_advice or "Get medical help now."
            messages.error(request, f"Urgent: {advice}")
        else:
            messages.success(request, "Check-in recorded. It shows on your timeline.")
        return redirect("dashboard")
    return render(request, "tracker/checkin_form.html", {"course": course, "form": form})


def course_timeline(request, pk):
    course = course_for_user(request.user, pk)
    context = {"course": course, "entries": timeline_entries(course)}
    return render(request, "tracker/timeline.html", context)


@require_POST
def urgent_dismiss(request):
    checkins.urgent_dismiss(owner=request.user)
    messages.info(request, "Warning closed. If anything gets worse, call for help at once.")
    return redirect("dashboard")
