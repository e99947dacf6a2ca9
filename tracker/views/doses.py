from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from drugs.units import plain
from tracker.facts import intake_amount
from tracker.forms.doses import DoseForm, QuickLogForm
from tracker.models import Dose
from tracker.pages.dashboard_kept import course_status_now
from tracker.pages.history import day_groups_page
from tracker.rules.findings import Level
from tracker.services import doses
from tracker.services.results import Saved
from tracker.views.owned import active_course_for_user, course_for_user, dose_for_user


def _announce(request, saved: Saved[Dose]) -> None:
    """Say what was recorded, and any rule the dose breaks, right when it is logged."""
    dose = saved.record
    when = timezone.localtime(dose.taken_at)
    amount = f"{plain(dose.amount_mg)} mg"
    if not saved.created:
        messages.info(request, f"Already recorded: {amount} at {when:%H:%M}. Nothing was added.")
        return
    # The message carries an Undo for this dose (templates/snippets/messages.html).
    messages.success(
        request,
        f"Recorded {amount} of {dose.course.drug} at {when:%H:%M} on {when:%a %d %b}.",
        extra_tags=f"undo:{reverse('dose_undo', args=[dose.pk])}",
    )
    _say_findings(request, saved.findings)


def _say_findings(request, findings) -> None:
    for finding in findings:
        level = messages.ERROR if finding.level >= Level.DANGER else messages.WARNING
        messages.add_message(request, level, f"{finding.level.label}: {finding.message}")


@require_POST
def dose_quick_log(request):
    form = QuickLogForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Could not log the dose: reload the page and try again.")
        return redirect("dashboard")
    course = active_course_for_user(request.user, form.cleaned_data["course"])
    token = form.cleaned_data["token"]
    # The page may be older than the last dose: ask the rules again before recording, unless
    # the patient confirmed or this token already recorded its dose (a double tap).
    if not form.cleaned_data["confirmed"] and not course.doses.filter(form_token=token).exists():
        zone, today = timezone.get_current_timezone(), timezone.localdate()
        status = course_status_now(request.user, course.pk, today, zone, timezone.now())
        if status is not None and status.stop:
            context = {
                "course": course,
                "status": status,
                "token": token,
                "amount": intake_amount(course, timezone.localdate()),
            }
            return render(request, "tracker/dose_confirm_log.html", context)
    try:
        saved = doses.dose_log(
            course=course,
            taken_at=timezone.now(),
            amount_mg=intake_amount(course, timezone.localdate()),
            token=token,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _announce(request, saved)
    return redirect("dashboard")


def dose_create(request, course_pk):
    course = course_for_user(request.user, course_pk)
    if not course.is_active:
        messages.info(request, "This course has ended; doses can no longer be logged to it.")
        return redirect(course)
    form = DoseForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = doses.dose_log(
                course=course,
                taken_at=data["taken_at"],
                amount_mg=data["amount_mg"],
                note=data["note"],
                token=data["token"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _announce(request, saved)
            return redirect("dashboard")
    return render(
        request, "tracker/dose_form.html", {"form": form, "course": course, "title": "Log a dose"}
    )


def dose_edit(request, pk):
    dose = dose_for_user(request.user, pk)
    initial = {
        "amount_mg": plain(dose.amount_mg),
        "taken_at": timezone.localtime(dose.taken_at),
        "note": dose.note,
    }
    form = DoseForm(request.POST or None, course=dose.course, with_token=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = doses.dose_update(dose=dose, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Dose updated; the history keeps that it was edited.")
            _say_findings(request, saved.findings)
            return redirect("dose_history")
    return render(
        request,
        "tracker/dose_form.html",
        {"form": form, "course": dose.course, "dose": dose, "title": "Edit a dose"},
    )


def dose_delete(request, pk):
    dose = dose_for_user(request.user, pk)
    if request.method == "POST":
        doses.dose_delete(dose=dose)
        messages.success(request, "Dose deleted.")
        return redirect("dose_history")
    return render(request, "tracker/dose_confirm_delete.html", {"dose": dose})


@require_POST
def dose_undo(request, pk):
    dose = dose_for_user(request.user, pk)
    try:
        doses.dose_undo(dose=dose)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        amount = f"{plain(dose.amount_mg)} mg"
        when = timezone.localtime(dose.taken_at)
        messages.success(request, f"Undone: the {amount} logged at {when:%H:%M} was removed.")
    return redirect("dashboard")


def dose_history(request):
    course = None
    if request.GET.get("course", "").isdigit():
        course = course_for_user(request.user, request.GET["course"])
    page = day_groups_page(
        request.user,
        zone=timezone.get_current_timezone(),
        page_number=request.GET.get("page"),
        course=course,
    )
    context = {
        "page": page,
        "course": course,
        "page_query": f"&course={course.pk}" if course else "",
    }
    return render(request, "tracker/dose_history.html", context)
