"""What a share link shows, and the owner's list of the links of one course.

The shared page reuses the printable summary's builder, with the interactions checked between
the course and the co-medications only (never the patient's other courses, issue #20), then
keeps only what belongs to the course: co-medications taken during it. Every dose and check-in
are added only when the patient chose that scope.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from tracker.exports.summary import CourseSummary, course_summary
from tracker.models import CheckIn, CoMedication, Course, ShareLink, ShareLinkView
from tracker.pages.history import DayGroup, day_groups_page

# The patient sees this many of the latest openings of each link (and the count of all).
RECENT_OPENS = 10
# Every day of a course on one page: courses last weeks, and a shared page has no "next".
ALL_DAYS = 1000


@dataclass
class SharedCourse:
    link: ShareLink
    shared_by: str  # the display name the patient chose, else "the patient"
    summary: CourseSummary
    comedications: list[CoMedication]  # taken at some time during the course
    unchecked: list[CoMedication]  # taken now, with a name no interaction check could match
    day_groups: list[DayGroup] = field(default_factory=list)  # only when the link shows doses
    checkins: list[CheckIn] = field(default_factory=list)  # only when the link shows doses


def _during(comed: CoMedication, start: date, end: date) -> bool:
    return comed.start_date <= end and (comed.stop_date is None or comed.stop_date >= start)


def shared_course_page(link: ShareLink) -> SharedCourse:
    """Return what the shared page shows, in the time zone that is active (the owner's)."""
    course = link.course
    summary = course_summary(course, other_courses=False)
    end = course.end_date or timezone.localdate()
    during = [c for c in summary.comedications if _during(c, course.start_date, end)]
    page = SharedCourse(
        link=link,
        shared_by=link.display_name or "the patient",
        summary=summary,
        comedications=during,
        unchecked=[c for c in summary.report.unchecked if c in during] if course.is_active else [],
    )
    if link.shows_doses:
        page.day_groups = list(
            day_groups_page(
                course.owner,
                zone=timezone.get_current_timezone(),
                page_number=1,
                course=course,
                days_per_page=ALL_DAYS,
            )
        )
        page.checkins = summary.checkins
    return page


def course_share_links(course: Course) -> list[ShareLink]:
    """Return the course's links, newest first, each with its open count, last opening and
    latest openings (as recent_opens)."""
    recent = ShareLinkView.objects.order_by("-viewed_at", "-id")[:RECENT_OPENS]
    return list(
        ShareLink.objects.filter(course=course)
        .with_opens()
        .prefetch_related(Prefetch("opens", queryset=recent, to_attr="recent_opens"))
    )
