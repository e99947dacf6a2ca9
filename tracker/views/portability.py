from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tracker.exports.spreadsheet import doses_csv
from tracker.imports.forms import ImportForm
from tracker.middleware import TIME_ZONE_KEY
from tracker.portability import account_delete, export_user_data, import_user_data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput, label="Your password, to confirm")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError("That is not your password; nothing was deleted.")
        return ""


def _attachment(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def export_json(request):
    stamp = timezone.localdate().isoformat()
    data = export_user_data(request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 1, "ensure_ascii": False})
    return _attachment(response, f"course-tracker-{stamp}.json")


@require_GET
def export_doses_csv(request):
    body = doses_csv(request.user, timezone.get_current_timezone())
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    return _attachment(response, f"doses-{timezone.localdate().isoformat()}.csv")


def import_json(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            import_user_data(request.user, form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            request.session.pop(TIME_ZONE_KEY, None)  # the import may bring another zone
            messages.success(request, "Your data was imported.")
            return redirect("dashboard")
    return render(request, "tracker/import.html", {"form": form})


def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user)
        messages.success(request, "Your account and all its data were deleted.")
        return redirect("login")
    return render(request, "tracker/delete_account.html", {"form": form})
