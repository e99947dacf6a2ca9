import uuid

from django.shortcuts import render
from django.utils import timezone

from tracker.pages.dashboard import dashboard_for


def dashboard(request):
    now = timezone.now()
    data = dashboard_for(request.user, timezone.localdate(), timezone.get_current_timezone(), now)
    # A new token per rendering: a double click or a resubmitted form logs one dose only.
    items = [(panel, uuid.uuid4()) for panel in data.panels]
    return render(request, "tracker/dashboard.html", {"data": data, "items": items, "now": now})
