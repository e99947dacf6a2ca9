"""The dashboard, kept rendered between changes: a patient opens it many times a day.

A rendered page is cached under the user's data version, the reference data version, the
local date and the time zone (tracker/data_version.py), and expires when the earliest
"next dose not before" time passes. Everything it shows follows from those. Only the one-click
forms are rendered per request, since each carries its own token and CSRF token.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from tracker.dashboard import DashboardData, dashboard_data
from tracker.data_version import versions_for


@dataclass(frozen=True)
class PanelParts:
    course_pk: int
    log_mg: Decimal  # what one click records
    head: SafeString  # the course's name, day and progress
    body: SafeString  # links, today, next dose, findings, chart


@dataclass(frozen=True)
class DashboardPage:
    top: SafeString  # urgent check-in banners
    panels: list[PanelParts]
    bottom: SafeString  # interactions between co-medications, entries not checked


def render_page(data: DashboardData, now: datetime) -> DashboardPage:
    shared = {
        "now": now,
        "comed_count": data.comed_count,
        "interaction_count": data.interaction_count,
    }
    return DashboardPage(
        top=render_to_string("tracker/dashboard/urgent.html", {"urgent": data.urgent}),
        panels=[
            PanelParts(
                course_pk=panel.course.pk,
                log_mg=panel.log_mg,
                head=render_to_string("tracker/dashboard/panel_head.html", {"panel": panel}),
                body=render_to_string(
                    "tracker/dashboard/panel_body.html", {"panel": panel, **shared}
                ),
            )
            for panel in data.panels
        ],
        bottom=render_to_string(
            "tracker/dashboard/others.html",
            {"other_findings": data.other_findings, "unchecked": data.unchecked},
        ),
    )


def expires_at(data: DashboardData, today: date, zone: tzinfo, now: datetime) -> datetime:
    """Return when the page stops being true by the clock alone: the next local midnight,
    or sooner, the moment a "next dose not before" time passes."""
    moments = [datetime.combine(today + timedelta(days=1), time.min, tzinfo=zone)]
    moments += [p.next_dose_at for p in data.panels if p.next_dose_at and p.next_dose_at > now]
    return min(moments)


def dashboard_page(user, today: date, zone: tzinfo, now: datetime) -> DashboardPage:
    """Return the user's dashboard, from the cache while nothing it shows has changed."""
    # Read the versions before the data: a change committed in between then files the new
    # data under the old version, never old data under the new one.
    versions = versions_for(user)
    if versions is None:  # no profile to keep a version in: build it every time
        return render_page(dashboard_data(user, today, zone), now)
    data_version, reference_version = versions
    key = f"dashboard:{user.pk}:{data_version}:{reference_version}:{today}:{zone}"
    page = cache.get(key)
    if page is None:
        data = dashboard_data(user, today, zone, reference_version)
        page = render_page(data, now)
        cache.set(key, page, (expires_at(data, today, zone, now) - now).total_seconds())
    return page
