"""Read the dashboard as its page builder gave it to the template (tracker/pages/dashboard.py):
logic tests assert on that data; the HTML is kept for the tests where presentation is the point.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from tracker.rules.findings import Finding, Level


@dataclass
class ShownFinding:
    code: str
    level: Level
    severity: str
    message: str


@dataclass
class ShownPanel:
    day: int = 0
    doses_today: int = 0
    mg_today: Decimal = Decimal(0)
    findings: list[ShownFinding] = field(default_factory=list)


@dataclass
class ShownDashboard:
    html: str
    panels: list[ShownPanel] = field(default_factory=list)
    others: list[ShownFinding] = field(default_factory=list)  # interactions beside the courses


def _shown(finding: Finding) -> ShownFinding:
    return ShownFinding(finding.code, finding.level, finding.severity, finding.message)


def read_dashboard(client) -> ShownDashboard:
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    data = response.context["data"] if response.context else kept_data(response)
    return ShownDashboard(
        html=response.content.decode(),
        panels=[
            ShownPanel(
                day=panel.day,
                doses_today=len(panel.today_doses),
                mg_today=panel.today_mg,
                findings=[_shown(f) for f in panel.findings],
            )
            for panel in data.panels
        ],
        others=[_shown(f) for f in data.other_findings],
    )


def kept_data(response):
    """Return the data a kept page (tracker/views/kept_page.py: served without rendering) was
    rendered from: the data kept under the same versions, day and time zone."""
    from tracker.pages.dashboard_kept import dashboard_for

    user = response.wsgi_request.user
    zone = ZoneInfo(user.profile.time_zone)
    now = timezone.now()
    return dashboard_for(user, now.astimezone(zone).date(), zone, now)


def shown_items(response) -> list[tuple]:
    """Return (panel, one-click token, status) for each course on a dashboard response, whether
    it was rendered or served as kept: the tokens as the page carries them (a kept rendering's
    context holds placeholders), the statuses as the view worked them out."""
    from tracker.data_version import versions_for
    from tracker.pages.dashboard_kept import DashboardLoad

    tokens = re.findall(r'name="token" value="([^"]+)"', response.content.decode())
    if response.context:
        data = response.context["data"]
        statuses = [status for _, _, status in response.context["items"]]
    else:
        data = kept_data(response)
        user, now = response.wsgi_request.user, timezone.now()
        zone = ZoneInfo(user.profile.time_zone)
        versions = versions_for(user)
        load = DashboardLoad(user, now.astimezone(zone).date(), zone, now, versions)
        statuses = load.clock.statuses(now, zone, versions.urgent_open)
    return list(zip(data.panels, tokens, statuses, strict=True))


def first_panel(client) -> ShownPanel:
    return read_dashboard(client).panels[0]


def codes(panel: ShownPanel) -> list[str]:
    return [f.code for f in panel.findings]
