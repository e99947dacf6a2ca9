import uuid

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from tracker.dashboard import course_panel
from tracker.models import Course, Dose


def dashboard(request):
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    courses = Course.objects.active_for(request.user).prefetch_related(
        Prefetch(
            "doses", queryset=Dose.objects.only("id", "course_id", "taken_at", "amount_mg", "note")
        )
    )
    panels = [course_panel(c, list(c.doses.all()), today, zone) for c in courses]
    context = {"items": [(p, uuid.uuid4()) for p in panels], "now": timezone.localtime()}
    return render(request, "tracker/dashboard.html", context)
