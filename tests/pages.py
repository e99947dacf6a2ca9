"""Read the dashboard as its page builder gave it to the template (tracker/pages/dashboard.py):
logic tests assert on that data; the HTML is kept for the tests where presentation is the point.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse

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
    data = response.context["data"]
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


def first_panel(client) -> ShownPanel:
    return read_dashboard(client).panels[0]


def codes(panel: ShownPanel) -> list[str]:
    return [f.code for f in panel.findings]
