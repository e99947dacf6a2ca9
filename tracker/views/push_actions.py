"""The Taken and Snooze buttons of a notification, posted by the service worker.

They take the notification's single-use token as their only credential: no session, no CSRF
cookie (the worker posts with credentials omitted). A Taken is checked against the rules first,
as the dashboard's log button is: when the rules say not to take more now, nothing is logged and
the answer sends the patient to the app, where the finding and the confirm step are.
"""

import json
import re

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from drugs.units import plain
from tracker.models import Profile
from tracker.pages.dashboard_kept import course_status_now
from tracker.rules.findings import Level
from tracker.services.push_actions import (
    ActionUnavailable,
    AlreadyLogged,
    action_for_token,
    push_action_refuse_if_logged,
    push_action_snooze,
    push_action_taken,
)

TOKEN = re.compile(r"[A-Za-z0-9_-]{20,100}")


def _token(request) -> str | None:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):  # nesting too deep: not JSON we take
        return None
    token = data.get("token") if isinstance(data, dict) else None
    return token if isinstance(token, str) and TOKEN.fullmatch(token) else None


def _answer(result: str, message: str, status: int = 200, open_app: bool = False) -> JsonResponse:
    body = {"result": result, "message": message, "open": open_app, "url": reverse("dashboard")}
    return JsonResponse(body, status=status)


def _unavailable(exc: ActionUnavailable) -> JsonResponse:
    # A dose already logged opens the app, where it is shown (and can be corrected).
    open_app = exc.status == 404 or isinstance(exc, AlreadyLogged)
    return _answer(exc.result, exc.message, exc.status, open_app=open_app)


def _action(request, now):
    token = _token(request)
    if token is None:
        raise ActionUnavailable("This notification's button is not valid. Open the app.", 404)
    return action_for_token(token, now)


@csrf_exempt
@login_not_required
@require_POST
def push_action_taken_view(request):
    now = timezone.now()
    try:
        action = _action(request, now)
        # Before the rules: a dose time already covered is answered as such, not as "too soon".
        push_action_refuse_if_logged(action=action, now=now)
    except ActionUnavailable as exc:
        return _unavailable(exc)
    course = action.course
    zone = Profile.objects.get(user_id=course.owner_id).zone
    today = now.astimezone(zone).date()
    status = course_status_now(course.owner, course.pk, today, zone, now)
    if status is None or status.stop:
        message = status.next_step if status else "Open the app to log this dose."
        return _answer("confirm", f"Not logged. {message}", 409, open_app=True)
    try:
        saved = push_action_taken(action=action, now=now)
    except ActionUnavailable as exc:
        return _unavailable(exc)
    except ValidationError as exc:
        return _answer("refused", f"Not logged. {' '.join(exc.messages)}", 422, open_app=True)
    dose = saved.record
    when = timezone.localtime(dose.taken_at, zone)
    serious = [f for f in saved.findings if f.level >= Level.WARNING]
    message = f"Recorded {plain(dose.amount_mg)} mg at {when:%H:%M}."
    if serious:
        message += f" {serious[0].level.label}: {serious[0].message}"
    return _answer("logged", message, open_app=bool(serious))


@csrf_exempt
@login_not_required
@require_POST
def push_action_snooze_view(request):
    now = timezone.now()
    try:
        action = _action(request, now)
        until = push_action_snooze(action=action, now=now)
    except ActionUnavailable as exc:
        return _unavailable(exc)
    zone = Profile.objects.get(user_id=action.course.owner_id).zone
    return _answer("snoozed", f"Snoozed: reminded again at {until.astimezone(zone):%H:%M}.")
