"""POST /doses/sync/: doses the dashboard saved on the phone while offline (static/js/
offline-log.js), sent when the connection returns.

Each dose is answered on its own, by its client token: created (with the rules it breaks),
already recorded (an earlier sync got through; nothing is added) or refused, with the reason.
A refused dose stays in the phone's queue, shown with its reason, until the patient discards it.
"""

import json
import uuid

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from drugs.units import plain
from tracker.forms.dose_sync import SyncedDoseForm
from tracker.models import Dose
from tracker.services import doses

# A phone offline for a whole course holds at most a few dozen doses; more is not a queue.
MAX_DOSES_PER_SYNC = 100
FIELDS = tuple(SyncedDoseForm.base_fields)


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def _described(dose: Dose) -> str:
    when = timezone.localtime(dose.taken_at)
    return f"{plain(dose.amount_mg)} mg taken at {when:%H:%M} on {when:%a %d %b}"


def _plain_values(entry: dict) -> dict:
    """Return the entry's fields that are plain JSON scalars; anything else counts as missing."""
    return {
        name: entry[name]
        for name in FIELDS
        if isinstance(entry.get(name), str | int | float) and not isinstance(entry[name], bool)
    }


def _sync_one(user, entry: dict, undone: set[uuid.UUID]) -> dict:
    form = SyncedDoseForm(_plain_values(entry), owner=user)
    valid = form.is_valid()
    token = form.cleaned_data.get("token")
    answer = {"token": str(token) if token else str(entry.get("token", ""))[:40]}
    # First: did an earlier sync get through? Then the dose is there, whatever changed since.
    existing = token and Dose.objects.for_owner(user).filter(form_token=token).first()
    if existing:
        message = f"Already recorded: {_described(existing)}. Nothing was added."
        return answer | {"result": "already_recorded", "message": message}
    if token in undone:  # sending it again must not bring back a dose the patient undid
        message = "Recorded earlier and then undone: nothing was added."
        return answer | {"result": "already_recorded", "message": message}
    if not valid:
        reasons = [m for messages in form.errors.values() for m in messages]
        return answer | {"result": "refused", "message": " ".join(reasons)}
    data = form.cleaned_data
    try:
        saved = doses.dose_log(
            course=data["course"],
            taken_at=data["taken_at"],
            amount_mg=data["amount_mg"],
            token=data["token"],
        )
    except ValidationError as exc:
        return answer | {"result": "refused", "message": " ".join(exc.messages)}
    findings = [
        {"level": f.level.name.lower(), "label": f.level.label, "message": f.message}
        for f in saved.findings
    ]
    message = f"Recorded {_described(saved.record)} ({saved.record.course.drug})."
    return answer | {"result": "created", "message": message, "findings": findings}


@require_POST
def dose_sync(request):
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # nesting too deep: not JSON we take
        return _bad_request("The request is not JSON: nothing was recorded.")
    entries = body.get("doses") if isinstance(body, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return _bad_request('Send {"doses": [...]}, one object a dose: nothing was recorded.')
    if len(entries) > MAX_DOSES_PER_SYNC:
        return _bad_request(f"Send at most {MAX_DOSES_PER_SYNC} doses at a time.")
    undone = _undone_tokens(request.user, entries)
    results = [_sync_one(request.user, entry, undone) for entry in entries]
    return JsonResponse({"results": results})


def _undone_tokens(user, entries: list[dict]) -> set[uuid.UUID]:
    """Return the tokens among the entries of the user's doses that were recorded and then
    deleted (undone, or deleted from the history page), in one query for the whole request."""
    tokens = set()
    for entry in entries:
        try:
            tokens.add(uuid.UUID(str(entry.get("token", ""))))
        except ValueError:
            continue  # the form says what is wrong with it
    if not tokens:
        return set()
    deleted = Dose.history.filter(form_token__in=tokens, history_type="-", course__owner=user)
    return set(deleted.values_list("form_token", flat=True))
