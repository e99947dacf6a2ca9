"""The dashboard's data kept between changes, and the little a load needs to serve a page
rendered earlier.

The data is cached under the user's data version, the reference data version, the local date
and the time zone (tracker/data_version.py) and expires when the earliest "next dose not before"
time passes, so everything it holds follows from those. Beside it is kept its clock: what each
course's status is worked out from at any moment (tracker/rules/status.py). A load reads the
clock, works out the statuses at its moment, and reads the whole data only when the page must
be rendered (tracker/views/kept_page.py).
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cached_property

from django.conf import settings
from django.core.cache import cache

from tracker.data_version import Versions, versions_for
from tracker.pages.dashboard import DashboardData, dashboard_data
from tracker.rules.status import CourseStatus, Situation, course_status


@dataclass(frozen=True)
class DashboardClock:
    """What a load works out at its moment, from the data alone: plain values, a few kB."""

    key: str  # the data's: versions, local date and time zone
    situations: tuple[Situation, ...]  # one a course panel, in the page's order
    expires: datetime  # when the data stops being true by the clock alone

    def statuses(self, now: datetime, zone: tzinfo, urgent: bool) -> list[CourseStatus]:
        """Return each course's status at `now`, so that "too soon" turns into "due" on the
        clock. `urgent`: an urgent check-in is open, so every course's status is "get help
        now"; asked on every request, never kept with the data."""
        return [course_status(replace(s, urgent=urgent), now, zone) for s in self.situations]

    def gaps_running(self, now: datetime) -> list[bool]:
        """Return, a course each, whether its minimum gap still runs at `now`."""
        return [bool(s.next_dose_at and s.next_dose_at > now) for s in self.situations]

    def seconds_left(self, now: datetime) -> float:
        return max((self.expires - now).total_seconds(), 1)


def expires_at(data: DashboardData, today: date, zone: tzinfo, now: datetime) -> datetime:
    """Return when the data stops being true by the clock alone: the next local midnight,
    or sooner, the moment a "next dose not before" time passes."""
    moments = [datetime.combine(today + timedelta(days=1), time.min, tzinfo=zone)]
    moments += [p.next_dose_at for p in data.panels if p.next_dose_at and p.next_dose_at > now]
    return min(moments)


def _key(user, versions: Versions, today: date, zone: tzinfo) -> str:
    return f"dashboard:{user.pk}:{versions.data}:{versions.reference}:{today}:{zone}"


def dashboard_for(
    user, today: date, zone: tzinfo, now: datetime, versions: Versions | None = None
) -> DashboardData:
    """Return the user's dashboard data, from the cache while nothing it shows has changed.
    `versions`: read by the caller just before (else read here)."""
    # Read the versions before the data: a change committed in between then files the new
    # data under the old version, never old data under the new one.
    if versions is None:
        versions = versions_for(user)
    key = _key(user, versions, today, zone)
    data = cache.get(key) if settings.DASHBOARD_CACHE else None
    if data is None:
        data = dashboard_data(user, today, zone, versions)
        for panel in data.panels:  # every dose of the course is not part of what is shown
            panel.course._prefetched_objects_cache.pop("doses", None)
        if settings.DASHBOARD_CACHE:
            clock = _clock(key, data, today, zone, now)
            cache.set_many({key: data, f"{key}:clock": clock}, clock.seconds_left(now))
    return data


class DashboardLoad:
    """One load's reads of the user's dashboard: the clock first, the whole data only when the
    page must be rendered (or the clock was not kept), each read at most once."""

    def __init__(self, user, today: date, zone: tzinfo, now: datetime, versions: Versions):
        self.user, self.today, self.zone, self.now = user, today, zone, now
        self.versions = versions
        self.key = _key(user, versions, today, zone)

    @cached_property
    def data(self) -> DashboardData:
        return dashboard_for(self.user, self.today, self.zone, self.now, self.versions)

    @cached_property
    def clock(self) -> DashboardClock:
        kept = cache.get(f"{self.key}:clock") if settings.DASHBOARD_CACHE else None
        return kept or _clock(self.key, self.data, self.today, self.zone, self.now)


def _clock(key: str, data: DashboardData, today: date, zone: tzinfo, now: datetime):
    return DashboardClock(key, data.situations(), expires_at(data, today, zone, now))


def course_status_now(
    user, course_pk: int, today: date, zone: tzinfo, now: datetime
) -> CourseStatus | None:
    """Return the status of one of the user's active courses at `now`, from the dashboard's
    data (cached), or None when it is not one of them."""
    versions = versions_for(user)
    data = dashboard_for(user, today, zone, now, versions)
    statuses = _clock("", data, today, zone, now).statuses(now, zone, versions.urgent_open)
    for panel, status in zip(data.panels, statuses, strict=True):
        if panel.course.pk == course_pk:
            return status
    return None
