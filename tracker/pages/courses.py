"""The course details page and the end-of-course page."""

from datetime import date, tzinfo

from tracker.facts import abrupt_stop_finding
from tracker.models import Course
from tracker.pages.dashboard import CoursePanel, course_panel
from tracker.rules.findings import Finding


def course_page(course: Course, today: date, zone: tzinfo) -> CoursePanel:
    """Return the course's panel (day, findings, chart) from all of its doses."""
    return course_panel(course, list(course.doses.all()), today, zone)


def course_end_warning(course: Course, today: date) -> Finding | None:
    """Return what ending the course today without a taper would risk, if anything."""
    return abrupt_stop_finding(course, today)
