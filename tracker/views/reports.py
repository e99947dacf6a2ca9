import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tracker.exports.fhir import fhir_bundle
from tracker.exports.spreadsheet import comedications_csv as comedications_csv_text
from tracker.exports.summary import course_summary
from tracker.models import Course
from tracker.reauth import recent_password_required
from tracker.views.owned import course_for_user


def course_summary_page(request, pk):
    # The patient's courses are read for the interaction check anyway: the course is found
    # among them (with its taper plan) rather than read again.
    courses = list(Course.objects.for_owner(request.user).select_related("taper_plan"))
    course = next((c for c in courses if c.pk == pk), None) or course_for_user(request.user, pk)
    include_name = request.GET.get("name") == "1"  # never printed unless the patient asks
    context = {
        "summary": course_summary(course, include_name=include_name, courses=courses),
        "include_name": include_name,
        "printed_at": timezone.localtime(),
    }
    return render(request, "tracker/course_summary.html", context)


@require_GET
@recent_password_required
def comedications_csv(request):
    response = HttpResponse(
        comedications_csv_text(request.user), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="co-medications.csv"'
    return response


@require_GET
@recent_password_required
def fhir_export(request):
    bundle = fhir_bundle(request.user, timezone.get_current_timezone())
    response = HttpResponse(json.dumps(bundle, indent=1), content_type="application/fhir+json")
    response["Content-Disposition"] = 'attachment; filename="medications-fhir.json"'
    return response
