from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from drugs.interactions import NO_FINDING_WORDING
from tracker import comedications as services
from tracker.forms import CoMedicationForm
from tracker.interactions import comed_key, interaction_report
from tracker.models import CoMedication, Course
from tracker.views.owned import comedication_for_user

NOT_CHECKED = "not checked: not in our reference data"


def _report(user, *, with_past=False):
    courses = list(Course.objects.for_owner(user))
    comeds = list(CoMedication.objects.for_owner(user))
    return comeds, interaction_report(courses, comeds, timezone.localdate(), with_past=with_past)


def comedication_list(request, form=None):
    comeds, report = _report(request.user, with_past=True)
    today = timezone.localdate()
    active = [(c, report.for_key(comed_key(c))) for c in comeds if c.is_active_on(today)]
    stopped = [c for c in comeds if not c.is_active_on(today)]
    context = {
        "form": form or CoMedicationForm(),
        "active": active,
        "stopped": stopped,
        "past": report.past,
        "not_checked": NOT_CHECKED,
        "no_finding": NO_FINDING_WORDING,
    }
    return render(request, "tracker/comedication_list.html", context)


def _announce(request, comed: CoMedication) -> None:
    if comed.drug_id is None:
        messages.warning(
            request, f"Added “{comed.name}”, {NOT_CHECKED}. Ask your pharmacist about it."
        )
        return
    _, report = _report(request.user)
    created = report.for_key(comed_key(comed))
    if not comed.is_active_on(timezone.localdate()):
        messages.success(request, f"Added {comed.name} (not taken today).")
    elif not created:
        messages.success(request, f"Added {comed.name}. {NO_FINDING_WORDING}")
    else:
        messages.success(request, f"Added {comed.name}.")
    for found in created:
        names = " + ".join(a.label for a in found.agents)
        level = messages.ERROR if found.rank >= 3 or found.combination else messages.WARNING
        title = found.combination or f"{found.severity.capitalize()} interaction"
        messages.add_message(
            request, level, f"{title}: {names}. {found.effect} {found.advice} [{found.source}]"
        )


def comedication_add(request):
    form = CoMedicationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                comed = services.comedication_add(owner=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                _announce(request, comed)
                return redirect("comedication_list")
        return comedication_list(request, form=form)
    return redirect("comedication_list")


def comedication_edit(request, pk):
    comed = comedication_for_user(request.user, pk)
    form = CoMedicationForm(request.POST or None, instance=comed)
    if request.method == "POST" and form.is_valid():
        try:
            services.comedication_update(comed=comed, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Saved {form.cleaned_data['name']}.")
            return redirect("comedication_list")
    return render(request, "tracker/comedication_form.html", {"form": form, "comed": comed})


@require_POST
def comedication_stop(request, pk):
    comed = comedication_for_user(request.user, pk)
    try:
        services.comedication_stop(comed=comed, stop_date=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Stopped {comed.name} today; it stays in your history.")
    return redirect("comedication_list")


def comedication_delete(request, pk):
    comed = comedication_for_user(request.user, pk)
    if request.method == "POST":
        services.comedication_delete(comed=comed)
        messages.success(request, f"Deleted {comed.name}.")
        return redirect("comedication_list")
    return render(request, "tracker/comedication_confirm_delete.html", {"comed": comed})
