from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from tracker.forms.courses import CourseEditForm, CourseEndForm, CourseNotesForm, CourseStartForm
from tracker.models import Course
from tracker.pages.courses import course_end_facts, course_end_warning, course_page
from tracker.services import courses
from tracker.views.owned import course_for_user


def course_list(request):
    owned = Course.objects.for_owner(request.user)
    return render(request, "tracker/course_list.html", {"courses": owned})


def course_start(request):
    form = CourseStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = courses.course_start(
                owner=request.user,
                drug=data["drug"],
                dose_schedule=data["dose_schedule"],
                start_date=data["start_date"],
                mg_per_intake=data["mg_per_intake"],
                intakes_per_day=data["intakes_per_day"],
                prescriber=data["prescriber"],
                reason=data["reason"],
                tablets_dispensed=data["tablets_dispensed"],
                tablet_mg=data["tablet_mg"],
                planned_days=data["planned_days"],
                confirmed_items=form.confirmed_items(),
                prescription_warnings=form.prescription_warnings,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            course = saved.record
            messages.success(
                request, f"Started your course of {course.drug} on {course.start_date:%d %b %Y}."
            )
            return redirect("dashboard")
    return render(request, "tracker/course_start.html", {"form": form})


def course_detail(request, pk):
    course = course_for_user(request.user, pk)
    page = course_page(course, timezone.localdate(), timezone.get_current_timezone())
    end_facts = [] if course.is_active else course_end_facts(course.drug_id)
    context = {"course": course, "panel": page, "end_facts": end_facts}
    return render(request, "tracker/course_detail.html", context)


def course_edit(request, pk):
    course = course_for_user(request.user, pk)
    form_class = CourseEditForm if course.is_active else CourseNotesForm
    form = form_class(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        try:
            courses.course_update(
                course=course,
                prescription_warnings=getattr(form, "prescription_warnings", None),
                prescription_confirmed=form.cleaned_data.get("prescription_confirmed", False),
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Course updated.")
            return redirect(course)
    return render(request, "tracker/course_edit.html", {"course": course, "form": form})


def course_end(request, pk):
    course = course_for_user(request.user, pk)
    if not course.is_active:
        messages.info(request, "This course has already ended.")
        return redirect(course)
    form = CourseEndForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        try:
            saved = courses.course_end(course=course, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Course ended ({course.get_status_display().lower()}).")
            for finding in saved.findings:
                messages.warning(request, finding.message)
            return redirect(course)
    context = {
        "course": course,
        "form": form,
        "warning": course_end_warning(course, timezone.localdate()),
        "end_facts": course_end_facts(course.drug_id),
    }
    return render(request, "tracker/course_end.html", context)
