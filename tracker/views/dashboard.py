import uuid

from django.shortcuts import render
from django.utils import timezone

from tracker.pages.dashboard import dashboard_for
from tracker.pages.emergency import emergency_offer_for
from tracker.pages.urgent import urgent_notices


def dashboard(request):
    now, zone = timezone.now(), timezone.get_current_timezone()
    data = dashboard_for(request.user, timezone.localdate(), zone, now)
    # A new token per rendering: a double click or a resubmitted form logs one dose only.
    # Asked on every load, whatever is kept: a sign of overdose recorded a moment ago shows.
    notices = urgent_notices(request.user)
    statuses = data.statuses(now, zone, urgent=bool(notices))
    items = [(p, uuid.uuid4(), s) for p, s in zip(data.panels, statuses, strict=True)]
    context = {
        "data": data,
        "items": items,
        "now": now,
        "urgent_checkins": notices,
        # Read on every load, not only when a status offers them: the same queries for every
        # patient, whether a dangerous combination shows or not.
        "emergency": emergency_offer_for(timezone.get_current_timezone_name()),
    }
    return render(request, "tracker/dashboard.html", context)
