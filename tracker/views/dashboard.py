import uuid

from django.shortcuts import render
from django.utils import timezone

from tracker.dashboard_page import dashboard_page


def dashboard(request):
    page = dashboard_page(
        request.user, timezone.localdate(), timezone.get_current_timezone(), timezone.now()
    )
    # A new token per rendering: a double click or a resubmitted form logs one dose only.
    items = [(panel, uuid.uuid4()) for panel in page.panels]
    return render(request, "tracker/dashboard.html", {"page": page, "items": items})
