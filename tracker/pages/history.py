"""The dose history: doses grouped by local day and course with day totals, a page of days,
and each dose's problems (the dose rules it broke) as a badge and a reason in words.

A page reads a fixed number of queries and a bounded number of doses, however long the history:
its day groups, their courses, and the doses from the page's first day (less a day, for the
24-hour rules) to its last.
"""

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Sum, Window
from django.db.models.functions import TruncDate

from tracker.facts import dose_fact, limits_for, pace_on
from tracker.models import Course, Dose, DoseDay, Profile
from tracker.rules.doses import dose_findings, local_day, lookback
from tracker.rules.findings import Finding, Level

DAYS_PER_PAGE = 14

# The badge each dose rule puts on a dose in the history, in the patient's words.
BADGES = {
    "daily_total_above_max": "Over the daily maximum",
    "rolling_total_above_max": "Over the maximum for 24 hours",
    "dose_too_soon": "Too soon after the previous dose",
    "sooner_than_prescribed": "Sooner than prescribed",
    "more_often_than_prescribed": "More often than prescribed",
    "dose_above_max": "Above the per-dose maximum",
    "dose_below_min": "Below the usual dose",
    "taper_day_off_dose": "On a day off of the taper",
}
# Reasons whose first sentence speaks of "today", said of the dose's own day instead.
IN_HINDSIGHT = {
    "taper_day_off_dose": "That day was a day off in your taper plan: no dose was planned.",
}


@dataclass(frozen=True)
class Problem:
    code: str
    badge: str
    reason: str
    level: Level
    app_default: bool  # the threshold is an app default to confirm with the prescriber


@dataclass(frozen=True)
class DoseRow:
    dose: Dose
    problems: list[Problem]


@dataclass
class DayGroup:
    day: date
    course_id: int
    drug_name: str
    total_mg: Decimal
    count: int
    over_daily_max: bool
    rows: list[DoseRow] = field(default_factory=list)  # newest first


def in_hindsight(message: str) -> str:
    """Return a finding's first sentence, the fact, without the advice that follows it: "do
    not take more today" spoke to the moment the dose was logged, not to a day in the past."""
    fact, separator, _ = message.partition(". ")
    return f"{fact}." if separator else message


def problem(finding: Finding) -> Problem:
    return Problem(
        code=finding.code,
        badge=BADGES.get(finding.code, finding.level.label),
        reason=IN_HINDSIGHT.get(finding.code) or in_hindsight(finding.message),
        level=finding.level,
        app_default=finding.app_default,
    )


# Further than any history goes, and an offset every database can take: a larger number is
# past the end, which gives the last page.
LAST_PAGE_ASKABLE = 10**9


def _page_number(raw) -> int:
    """Return the page asked for, as Paginator.get_page reads it: anything not a number is 1."""
    try:
        return min(max(int(raw), 1), LAST_PAGE_ASKABLE)
    except (TypeError, ValueError):
        return 1


def day_groups_page(
    user,
    *,
    zone: tzinfo,
    page_number,
    course: Course | None = None,
    days_per_page: int = DAYS_PER_PAGE,
) -> Page:
    """Return a page of day groups, newest first; totals cover the whole day, not just the page,
    and each dose on the page carries the problems the dose rules find with it."""
    doses = Dose.objects.for_owner(user)
    if course is not None:
        doses = doses.filter(course=course)
    number = _page_number(page_number)
    days = _kept_days(user, zone, course)
    rows = _page_rows(days, number, days_per_page)
    if not rows and not _kept_in(user, zone):  # totals not kept in this zone: group the doses
        days = _grouped_doses(doses, zone)
        rows = _page_rows(days, number, days_per_page)
    if not rows and number > 1:  # past the end: the last page, as get_page gives
        number = max(1, -(-days.count() // days_per_page))
        rows = _page_rows(days, number, days_per_page)
    paginator = Paginator(days, days_per_page)
    paginator.count = rows[0]["groups"] if rows else 0
    page = paginator.page(number)
    courses = _courses(user, {row["course_id"] for row in rows})
    groups = {
        (row["day"], row["course_id"]): DayGroup(
            day=row["day"],
            course_id=row["course_id"],
            drug_name=courses[row["course_id"]].drug.generic_name,
            total_mg=row["total"],
            count=row["doses"],
            over_daily_max=courses[row["course_id"]].drug.max_daily_mg is not None
            and row["total"] > courses[row["course_id"]].drug.max_daily_mg,
        )
        for row in rows
    }
    if rows:
        _fill(groups, courses, doses, zone)
    page.object_list = list(groups.values())
    return page


def _kept_days(user, zone: tzinfo, course: Course | None):
    """Return the day groups from the totals the dose writes keep (tracker/models/dose_days.py),
    newest first, each with the number of groups (a window): found by an index."""
    days = DoseDay.objects.filter(course__owner=user, zone=str(zone))
    if course is not None:
        days = days.filter(course=course)
    return (
        days.annotate(total=F("total_mg"), doses=F("count"), groups=Window(Count("*")))
        .values("day", "course_id", "total", "doses", "groups")
        .order_by("-day", "course_id")
    )


def _kept_in(user, zone: tzinfo) -> bool:
    return Profile.objects.filter(user=user, dose_days_zone=str(zone)).exists()


def _grouped_doses(doses, zone: tzinfo):
    """Return the day groups worked out from every dose (a page in a zone the totals are not
    kept in): the number of groups comes with the page's rows, not from a second pass."""
    return (
        doses.annotate(day=TruncDate("taken_at", tzinfo=zone))
        .values("day", "course_id")
        .annotate(total=Sum("amount_mg"), doses=Count("id"), groups=Window(Count("*")))
        .order_by("-day", "course_id")
    )


def _page_rows(days, number: int, days_per_page: int) -> list[dict]:
    return list(days[(number - 1) * days_per_page : number * days_per_page])


def _courses(user, ids: set[int]) -> dict[int, Course]:
    """Return the user's courses with these ids, with their drug and taper plan."""
    if not ids:
        return {}
    return {
        c.pk: c
        for c in Course.objects.for_owner(user)
        .filter(pk__in=ids)
        .select_related("taper_plan")
        .prefetch_related("taper_plan__steps")
    }


def _fill(
    groups: dict[tuple[date, int], DayGroup], courses: dict[int, Course], doses, zone: tzinfo
) -> None:
    """Put each group's doses in it, newest first, with their problems."""
    # The rules look back 24 hours (rolling total, intakes a day) or the minimum gap, if longer.
    limits = {course_id: limits_for(c.drug) for course_id, c in courses.items()}
    reach = {course_id: lookback(course_limits) for course_id, course_limits in limits.items()}
    first = min(day for day, _ in groups)
    last = max(day for day, _ in groups)
    window = doses.filter(
        course_id__in=list(courses),
        taken_at__gte=datetime.combine(first, time.min, tzinfo=zone) - max(reach.values()),
        taken_at__lt=datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone),
    ).order_by("taken_at", "id")
    by_course: dict[int, list[Dose]] = {}
    for dose in window:
        by_course.setdefault(dose.course_id, []).append(dose)
    for course_id, course_doses in by_course.items():
        course = courses[course_id]
        pace = pace_on(course)
        facts = [dose_fact(d) for d in course_doses]
        times = [d.taken_at for d in course_doses]  # oldest first, as the query orders them
        for index, dose in enumerate(course_doses):
            day = local_day(dose.taken_at, zone)
            group = groups.get((day, course_id))
            if group is None:  # read only as the doses before the page's first day
                continue
            # Each dose is checked against the doses of its lookback only, as when it was
            # logged: the earlier ones of the page change none of its rules, and passing
            # them all made a page's checks grow with the square of its doses.
            since = bisect_left(times, dose.taken_at - reach[course_id], hi=index)
            intakes, day_off = pace(day)
            findings = dose_findings(
                facts[index],
                facts[since:index],
                zone,
                limits[course_id],
                intakes,
                day_off=day_off,
                as_needed=not course.is_scheduled,
            )
            group.rows.append(DoseRow(dose, [problem(f) for f in findings]))
    for group in groups.values():
        group.rows.reverse()
