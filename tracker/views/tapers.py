from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from tracker.forms.tapers import step_formset
from tracker.pages.tapers import plan_steps, stopped_lately, suggestion_for
from tracker.services import tapers
from tracker.views.owned import course_for_user


def taper_plan(request, pk):
    """Enter the prescriber's schedule, or start from a suggestion and edit it before saving."""
    course = course_for_user(request.user, pk)
    suggested = request.GET.get("suggest") == "1" or request.POST.get("from_suggestion") == "1"
    suggestion = suggestion_for(course, timezone.localdate()) if suggested else None
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
        formset = step_formset(steps=plan_steps(course, suggestion))
    drug = course.drug
    context = {
        "course": course,
        "formset": formset,
        "suggestion": suggestion,
        "suggested": suggestion is not None,
        "can_suggest": bool(drug.taper_step_days),
        "stopped_lately": stopped_lately(course, timezone.localdate()),
        "step_days_is_default": "taper_step_days" in (drug.app_defaults or []),
    }
    return render(request, "tracker/taper_plan.html", context)


def taper_plan_delete(request, pk):
    course = course_for_user(request.user, pk)
    if request.method == "POST":
        tapers.taper_plan_delete(course=course)
        messages.success(request, "Taper plan removed.")
        return redirect(course)
    return render(request, "tracker/taper_confirm_delete.html", {"course": course})
