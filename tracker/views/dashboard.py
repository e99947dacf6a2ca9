import uuid
from datetime import datetime, time

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from tracker.dashboard import course_panel
from tracker.interactions import as_finding, course_key, current_report
from tracker.models import CheckIn, CoMedication, Course, Dose
from tracker.rules.findings import most_serious_first


def dashboard(request):
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    doses = Dose.objects.only("id", "course_id", "taken_at", "amount_mg", "note")
    courses = list(
        Course.objects.active_for(request.user)
        .select_related("taper_plan")
        .prefetch_related(Prefetch("doses", queryset=doses), "taper_plan__steps")
    )
    comeds = list(CoMedication.objects.for_owner(request.user).active_on(today))
    report = current_report(courses, comeds, today)
    items = []
    for course in courses:
        panel = course_panel(course, list(course.doses.all()), today, zone)
        involving = [as_finding(f) for f in report.for_key(course_key(course))]
        panel.findings = most_serious_first(involving + panel.findings)
        items.append((panel, uuid.uuid4()))
    keys = {course_key(c) for c in courses}
    others = [as_finding(f) for f in report.findings if not f.agent_keys & keys]
    start_of_day = datetime.combine(today, time.min, tzinfo=zone)
    context = {
        "items": items,
        "urgent": list(CheckIn.objects.urgent_since(request.user, start_of_day)),
        "other_findings": others,
        "unchecked": report.unchecked,
        "comed_count": len(comeds),
        "interaction_count": len(report.findings),
        "now": timezone.localtime(),
    }
    return render(request, "tracker/dashboard.html", context)
