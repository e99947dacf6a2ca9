import uuid

from django.shortcuts import render
from django.utils import timezone

from tracker.pages.dashboard import dashboard_for


def dashboard(request):
    now, zone = timezone.now(), timezone.get_current_timezone()
    data = dashboard_for(request.user, timezone.localdate(), zone, now)
    # A new token per rendering: a double click or a resubmitted form logs one dose only.
    statuses = data.statuses(now, zone)
    items = [(p, uuid.uuid4(), s) for p, s in zip(data.panels, statuses, strict=True)]
    return render(request, "tracker/dashboard.html", {"data": data, "items": items, "now": now})
