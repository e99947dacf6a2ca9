import uuid

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from tracker.dashboard import course_panel
from tracker.interactions import as_finding, course_key, interaction_report
from tracker.models import CoMedication, Course, Dose
from tracker.rules.findings import most_serious_first


def dashboard(request):
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    doses = Dose.objects.only("id", "course_id", "taken_at", "amount_mg", "note")
    courses = list(
        Course.objects.active_for(request.user).prefetch_related(Prefetch("doses", queryset=doses))
    )
    comeds = list(CoMedication.objects.for_owner(request.user).active_on(today))
    report = interaction_report(courses, comeds, today)
    items = []
    for course in courses:
        panel = course_panel(course, list(course.doses.all()), today, zone)
        involving = [as_finding(f) for f in report.for_key(course_key(course))]
        panel.findings = most_serious_first(involving + panel.findings)
        items.append((panel, uuid.uuid4()))
    keys = {course_key(c) for c in courses}
    others = [as_finding(f) for f in report.findings if not f.agent_keys & keys]
    context = {
        "items": items,
        "other_findings": others,
        "unchecked": report.unchecked,
        "comed_count": len(comeds),
        "interaction_count": len(report.findings),
        "now": timezone.localtime(),
    }
    return render(request, "tracker/dashboard.html", context)
