from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tracker.exports.json_export import export_user_data
from tracker.exports.spreadsheet import doses_csv
from tracker.forms.portability import DeleteAccountForm, ImportForm
from tracker.middleware import TIME_ZONE_KEY
from tracker.reauth import recent_password_required
from tracker.services.accounts import account_delete
from tracker.services.imports import account_import


def _attachment(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@recent_password_required
def export_json(request):
    stamp = timezone.localdate().isoformat()
    data = export_user_data(request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 1, "ensure_ascii": False})
    return _attachment(response, f"course-tracker-{stamp}.json")


@require_GET
@recent_password_required
def export_doses_csv(request):
    body = doses_csv(request.user, timezone.get_current_timezone())
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    return _attachment(response, f"doses-{timezone.localdate().isoformat()}.csv")


@recent_password_required
def import_json(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_import(user=request.user, data=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            request.session.pop(TIME_ZONE_KEY, None)  # the import may bring another zone
            messages.success(request, "Your data was imported.")
            return redirect("dashboard")
    return render(request, "tracker/import.html", {"form": form})


@recent_password_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user=user)
        messages.success(request, "Your account and all its data were deleted.")
        return redirect("login")
    return render(request, "tracker/delete_account.html", {"form": form})
