from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from drugs.interactions import NO_FINDING_WORDING
from tracker.forms.comedications import CoMedicationForm
from tracker.models import CoMedication
from tracker.pages.comedications import comedications_page
from tracker.rules.findings import Level
from tracker.services import comedications
from tracker.services.results import Saved
from tracker.views.owned import comedication_for_user

NOT_CHECKED = "not checked: not in our reference data"


def comedication_list(request, form=None):
    page = comedications_page(request.user, timezone.localdate())
    context = {
        "form": form or CoMedicationForm(),
        "active": page.active,
        "stopped": page.stopped,
        "unchecked": page.unchecked,
        "not_checked": NOT_CHECKED,
        "no_finding": NO_FINDING_WORDING,
    }
    return render(request, "tracker/comedication_list.html", context)


def _announce(request, saved: Saved[CoMedication]) -> None:
    comed = saved.record
    if not comed.checked:
        messages.warning(
            request, f"Added “{comed.name}”, {NOT_CHECKED}. Ask your pharmacist about it."
        )
        return
    if not comed.is_active_on(timezone.localdate()):
        messages.success(request, f"Added {comed.name} (not taken today).")
    elif not saved.findings:
        message = f"Added {comed.name}. {NO_FINDING_WORDING}"
        taken = CoMedication.objects.filter(owner=comed.owner_id).active_on(timezone.localdate())
        unchecked = ", ".join(taken.unchecked().values_list("name", flat=True))
        if unchecked:  # a clean result for this one is no all-clear while others are unknown
            message += f" Still not checked, not being in our reference data: {unchecked}."
            messages.warning(request, message)
        else:
            messages.success(request, message)
    else:
        messages.success(request, f"Added {comed.name}.")
    for finding in saved.findings:
        level = messages.ERROR if finding.level >= Level.DANGER else messages.WARNING
        text = finding.message
        if finding.code != "combination":
            text = f"{finding.severity.capitalize()} interaction: {text}"
        messages.add_message(request, level, f"{text} [{finding.source}]")


def comedication_add(request):
    form = CoMedicationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = comedications.comedication_add(owner=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                _announce(request, saved)
                return redirect("comedication_list")
        return comedication_list(request, form=form)
    return redirect("comedication_list")


def comedication_edit(request, pk):
    comed = comedication_for_user(request.user, pk)
    form = CoMedicationForm(request.POST or None, instance=comed)
    if request.method == "POST" and form.is_valid():
        try:
            comedications.comedication_update(comed=comed, **form.cleaned_data)
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
        comedications.comedication_stop(comed=comed, stop_date=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Stopped {comed.name} today; it stays in your history.")
    return redirect("comedication_list")


def comedication_delete(request, pk):
    comed = comedication_for_user(request.user, pk)
    if request.method == "POST":
        comedications.comedication_delete(comed=comed)
        messages.success(request, f"Deleted {comed.name}.")
        return redirect("comedication_list")
    return render(request, "tracker/comedication_confirm_delete.html", {"comed": comed})
