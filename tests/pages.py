"""Read the dashboard as the user sees it: findings from the HTML, per course panel.

The dashboard is served from a page cache, so tests read what was rendered, never a
context that a cached page does not have.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser

from django.urls import reverse

from tracker.rules.findings import Level


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


class _DashboardParser(HTMLParser):
    def __init__(self, shown: ShownDashboard):
        super().__init__()
        self.shown = shown
        self.target = None  # the list findings go to
        self.finding = None  # the finding being read
        self.in_message = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "section" and "course-panel" in classes:
            self.shown.panels.append(ShownPanel())
            self.target = self.shown.panels[-1].findings
        elif tag == "section" and attrs.get("aria-labelledby") == "other-interactions":
            self.target = self.shown.others
        elif tag == "div" and "data-finding" in attrs:
            level = next(c for c in classes if c.startswith("finding-"))
            self.finding = ShownFinding(
                code=attrs["data-finding"],
                level=Level[level.removeprefix("finding-").upper()],
                severity=attrs.get("data-severity", ""),
                message="",
            )
            self.target.append(self.finding)
        elif tag == "span" and "finding-message" in classes:
            self.in_message = True

    def handle_endtag(self, tag):
        if tag == "span" and self.in_message:
            self.in_message = False
            self.finding.message = " ".join(self.finding.message.split())

    def handle_data(self, data):
        if self.in_message:
            self.finding.message += data


def read_dashboard(client) -> ShownDashboard:
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    shown = ShownDashboard(html=response.content.decode())
    _DashboardParser(shown).feed(shown.html)
    days = re.findall(r'<span class="course-day">Day (\d+)</span>', shown.html)
    today = re.findall(r'today-summary">(\d+) of \d+ doses · ([\d.]+) of', shown.html)
    for panel, day, (count, mg) in zip(shown.panels, days, today, strict=True):
        panel.day, panel.doses_today, panel.mg_today = int(day), int(count), Decimal(mg)
    return shown


def first_panel(client) -> ShownPanel:
    return read_dashboard(client).panels[0]


def codes(panel: ShownPanel) -> list[str]:
    return [f.code for f in panel.findings]
