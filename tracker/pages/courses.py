"""The course details page and the end-of-course page."""

from datetime import date, tzinfo

from drugs.models import DrugFact
from tracker.facts import abrupt_stop_finding
from tracker.interactions import as_finding, course_key, interaction_report, not_checked_findings
from tracker.models import CoMedication, Course
from tracker.pages.dashboard import CoursePanel, course_panel
from tracker.rules.findings import Finding, most_serious_first


def course_page(course: Course, today: date, zone: tzinfo) -> CoursePanel:
    """Return the course's panel (day, findings, chart) from all of its doses; an active
    course's findings include what it is taken with today, as on the dashboard, and what
    could not be checked: a page without them would read as an all-clear."""
    panel = course_panel(course, list(course.doses.all()), today, zone)
    if course.is_active:
        courses = list(Course.objects.active_for(course.owner_id))
        comeds = list(CoMedication.objects.for_owner(course.owner_id).active_on(today))
        report = interaction_report(courses, comeds, today)
        involving = [as_finding(f) for f in report.for_key(course_key(course))]
        involving += not_checked_findings(course, report.unchecked)
        panel.findings = most_serious_first(involving + panel.findings)
    return panel


def course_end_warning(course: Course, today: date) -> Finding | None:
    """Return what ending the course today without a taper would risk, if anything."""
    return abrupt_stop_finding(course, today)


def course_end_facts(drug_id: int) -> list[DrugFact]:
    """Return what the drug's reference data says to do at the end of a course (leftover
    tablets of a controlled substance), with sources."""
    facts = DrugFact.objects.active().filter(drug_id=drug_id, kind=DrugFact.FactKind.COURSE_END)
    return list(facts.select_related("source"))
