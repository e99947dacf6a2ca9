from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from tracker.forms.tapers import step_formset
from tracker.pages.tapers import plan_steps
from tracker.services import tapers
from tracker.views.owned import course_for_user


def taper_plan(request, pk):
    """Enter the prescriber's schedule, or start from a suggestion and edit it before saving."""
    course = course_for_user(request.user, pk)
    suggested = request.GET.get("suggest") == "1" or request.POST.get("from_suggestion") == "1"
    if request.method == "POST":
        formset = step_formset(request.POST)
        if formset.is_valid():
            try:
                tapers.taper_plan_save(
                    course=course, steps=formset.steps(), from_suggestion=suggested
                )
            except ValidationError as exc:
                formset.non_form_errors().extend(exc.messages)
            else:
                messages.success(request, "Taper plan saved. Follow your prescriber's advice.")
                return redirect("dashboard")
    else:
        steps = plan_steps(course, timezone.localdate(), suggested=suggested)
        formset = step_formset(steps=steps)
    can_suggest = bool(course.drug.taper_default_days)
    context = {
        "course": course,
        "formset": formset,
        "suggested": suggested and can_suggest,
        "can_suggest": can_suggest,
    }
    return render(request, "tracker/taper_plan.html", context)


def taper_plan_delete(request, pk):
    course = course_for_user(request.user, pk)
    if request.method == "POST":
        tapers.taper_plan_delete(course=course)
        messages.success(request, "Taper plan removed.")
        return redirect(course)
    return render(request, "tracker/taper_confirm_delete.html", {"course": course})
