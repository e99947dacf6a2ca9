"""Everything the printable course summary shows, gathered for one course."""

from dataclasses import dataclass

from django.db.models import Q, prefetch_related_objects
from django.utils import timezone

from drugs.models import Source
from tracker.facts import course_facts, dose_fact, limits_for, taper_steps
from tracker.interactions import InteractionReport, as_finding, course_key, interaction_report
from tracker.models import CheckIn, CoMedication, Course
from tracker.pages.dashboard import CoursePanel, course_panel
from tracker.rules.course import reference_day
from tracker.rules.daily import DayRow, day_rows
from tracker.rules.findings import Finding
from tracker.rules.taper import Step, step_on
from tracker.rules.warning_log import LoggedWarning, warning_log


@dataclass
class CourseSummary:
    course: Course
    patient_name: str  # empty unless the patient chose to print it
    days: list[DayRow]  # every course day: doses, total, above the daily maximum
    panel: CoursePanel
    warnings: list[LoggedWarning]
    report: InteractionReport
    comedications: list[CoMedication]
    steps: list[Step]
    current_step: Step | None
    checkins: list[CheckIn]
    sources: list[Source]
    # Interactions and combinations with this course: now, and while taken together earlier.
    interaction_warnings: list[tuple[str, Finding]]


def patient_name(user) -> str:
    """Return the name the patient is known by: their full name, else their username."""
    return user.get_full_name() or user.username


def course_summary(
    course: Course,
    *,
    include_name: bool = False,
    other_courses: bool = True,
    courses: list[Course] | None = None,
) -> CourseSummary:
    """Return what the printable summary shows; the patient's name only when they chose it.
    Without other_courses (a share link's page), the interactions are checked between this
    course and the co-medications alone, and the sources are those of what is shown.
    `courses`: the owner's courses, `course` among them, when the caller has read them."""
    zone, today = timezone.get_current_timezone(), timezone.localdate()
    # The plan and its steps read once, for the summary and for its panel.
    prefetch_related_objects([course], "taper_plan__steps")
    doses = list(course.doses.all())
    limits = limits_for(course.drug)
    facts = course_facts(course)
    comeds = list(CoMedication.objects.for_owner(course.owner_id))
    # Another course left out of the check, not filtered out after it: a combination such as
    # opioid + benzodiazepine + carisoprodol is then found with a co-medication when one fits,
    # rather than with the other course and dropped.
    if not other_courses:
        courses = [course]
    elif courses is None:
        courses = list(Course.objects.for_owner(course.owner_id))
    report = interaction_report(courses, comeds, today, with_past=True, past_of=course)
    steps = taper_steps(course)
    plain = [dose_fact(d) for d in doses]
    last_day = reference_day(facts, today)
    warnings = warning_log(facts, plain, zone, limits, last_day)
    now = report.for_key(course_key(course))
    past = [p for p in report.past if p.finding is not None]
    # A share link's page cites only what it shows: a source's title can name a drug.
    cited = report.findings if other_courses else now + [p.finding for p in past]
    keys = {w.finding.source for w in warnings} | {f.source for f in cited}
    # The sources the findings cite and those of the drug, in one query.
    sources = Source.objects.filter(Q(key__in={k for k in keys if k}) | Q(drugs=course.drug))
    return CourseSummary(
        course=course,
        patient_name=patient_name(course.owner) if include_name else "",
        days=day_rows(plain, zone, course.start_date, last_day, limits.max_daily_mg),
        panel=course_panel(course, doses, today, zone),
        warnings=warnings,
        report=report,
        comedications=comeds,
        steps=steps,
        current_step=step_on(steps, today),
        checkins=list(course.checkins.prefetch_related("symptoms").order_by("recorded_at")),
        sources=list(sources.distinct()),
        interaction_warnings=[("now", as_finding(f)) for f in now]
        + [(f"{p.start:%d %b %Y} to {p.end:%d %b %Y}", as_finding(p.finding)) for p in past],
    )
