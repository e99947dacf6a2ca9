from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from tracker import tapers
from tracker.facts import taper_steps
from tracker.rules.taper import suggest_taper
from tracker.taper_forms import step_formset
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
    elif suggested and course.drug.taper_default_days:
        steps = suggest_taper(
            mg_per_intake=course.mg_per_intake,
            intakes_per_day=course.intakes_per_day,
            length_days=course.drug.taper_default_days,
            start_date=tapers.suggestion_start(timezone.localdate(), course),
        )
        formset = step_formset(steps=steps)
    else:
        formset = step_formset(steps=taper_steps(course))
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
