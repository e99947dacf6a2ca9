"""The dose history: doses grouped by local day and course with day totals, a page of days."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate

from tracker.models import Course, Dose
from tracker.rules.doses import local_day

DAYS_PER_PAGE = 14


@dataclass
class DayGroup:
    day: date
    course_id: int
    drug_name: str
    total_mg: Decimal
    count: int
    over_daily_max: bool
    doses: list[Dose] = field(default_factory=list)


def day_groups_page(user, *, zone: tzinfo, page_number, course: Course | None = None) -> Page:
    """Return a page of day groups, newest first; totals cover the whole day, not just the page."""
    doses = Dose.objects.for_owner(user)
    if course is not None:
        doses = doses.filter(course=course)
    days = (
        doses.annotate(day=TruncDate("taken_at", tzinfo=zone))
        .values("day", "course_id", "course__drug__generic_name", "course__drug__max_daily_mg")
        .annotate(total=Sum("amount_mg"), count=Count("id"))
        .order_by("-day", "course_id")
    )
    page = Paginator(days, DAYS_PER_PAGE).get_page(page_number)
    rows = list(page.object_list)
    groups = {
        (row["day"], row["course_id"]): DayGroup(
            day=row["day"],
            course_id=row["course_id"],
            drug_name=row["course__drug__generic_name"],
            total_mg=row["total"],
            count=row["count"],
            over_daily_max=row["course__drug__max_daily_mg"] is not None
            and row["total"] > row["course__drug__max_daily_mg"],
        )
        for row in rows
    }
    if rows:
        first = min(row["day"] for row in rows)
        last = max(row["day"] for row in rows)
        window = doses.filter(
            taken_at__gte=datetime.combine(first, time.min, tzinfo=zone),
            taken_at__lt=datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone),
        ).order_by("-taken_at")
        for dose in window:
            group = groups.get((local_day(dose.taken_at, zone), dose.course_id))
            if group is not None:
                group.doses.append(dose)
    page.object_list = list(groups.values())
    return page
