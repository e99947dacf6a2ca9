"""The dashboard: course day and stage, today's doses, next dose, findings, chart; frozen clocks."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import dateformat, timezone

from tests.drugs.admin_posts import admin_save
from tests.factories import CourseFactory, DoseFactory, UserFactory
from tests.pages import codes, first_panel
from tracker.models import Profile

pytestmark = pytest.mark.django_db


def test_a_user_without_a_course_is_invited_to_start_one(owner_client):
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "Start a course" in html


def test_day_one_shows_the_log_button(owner_client, owner):
    CourseFactory(owner=owner)
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "Day 1" in html and "Log a dose" in html


@pytest.mark.parametrize(
    "days_ago, code",
    [
        (9, None),
        (10, "course_limit_approaching"),
        (13, "course_limit_reached"),
        (21, "course_past_limit"),
    ],
)
def test_the_course_day_warning_follows_the_start_date(owner_client, owner, days_ago, code):
    CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=days_ago))
    panel = first_panel(owner_client)
    assert panel.day == days_ago + 1
    shown = codes(panel)
    if code:
        assert code in shown
    else:
        assert shown == ["course_day"]


def test_an_admin_edit_of_a_limit_changes_the_warning_at_once(
    owner_client, owner, carisoprodol, reference_editor
):
    CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=8))
    assert codes(first_panel(owner_client)) == ["course_day"]
    editor = Client()
    editor.force_login(reference_editor)
    saved = admin_save(editor, carisoprodol, course_caution_day="9", change_reason="Revised")
    assert saved.status_code == 302
    assert "course_limit_approaching" in codes(first_panel(owner_client))


def test_todays_doses_against_the_plan_and_the_next_dose(midday, owner_client, owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=1))
    last = timezone.now() - timedelta(minutes=30)
    DoseFactory(course=course, taken_at=last)
    panel = first_panel(owner_client)
    assert panel.doses_today == 1 and panel.mg_today == 350
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "1 of 4 doses" in html and "350 of 1400 mg planned" in html
    next_dose = timezone.localtime(last + timedelta(hours=4))
    assert f"Not before {dateformat.format(next_dose, 'D j M, H:i')}" in html


def test_the_daily_maximum_finding_shows_most_serious_first(owner_client, owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=1))
    start = timezone.localtime().replace(hour=0, minute=5)
    for minutes in range(0, 5 * 10, 10):
        DoseFactory(course=course, taken_at=start + timedelta(minutes=minutes))
    findings = first_panel(owner_client).findings
    assert findings[0].code == "daily_total_above_max"


def test_the_chart_is_drawn_with_the_limit_and_a_text_table(owner_client, owner):
    course = CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=3))
    DoseFactory(course=course)
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "<svg" in html and "max 1400 mg/day" in html
    assert "Daily totals as a table" in html


@pytest.mark.parametrize(
    "zone, moment",
    [
        # US spring forward (8 March 2026) and fall back (1 November 2026)
        ("America/New_York", datetime(2026, 3, 8, 12, 0)),
        ("America/New_York", datetime(2026, 11, 1, 12, 0)),
        # EU spring forward (29 March 2026) and fall back (25 October 2026)
        ("Europe/Berlin", datetime(2026, 3, 29, 12, 0)),
        ("Europe/Berlin", datetime(2026, 10, 25, 12, 0)),
    ],
)
def test_course_days_and_totals_survive_dst_changes(client, zone, moment):
    tz = ZoneInfo(zone)
    user = UserFactory(time_zone=zone)
    client.force_login(user)
    with time_machine.travel(moment.replace(tzinfo=tz), tick=False):
        course = CourseFactory(owner=user, start_date=moment.date() - timedelta(days=1))
        # Doses at 00:30 and 03:30 local on the DST day: both count on that day.
        for hour in (0, 3):
            DoseFactory(
                course=course,
                taken_at=datetime.combine(moment.date(), datetime.min.time(), tz).replace(
                    hour=hour, minute=30
                ),
            )
        panel = first_panel(client)
        assert panel.day == 2
        assert panel.mg_today == Decimal("700")


def test_a_dose_at_2330_local_counts_on_that_local_day(client):
    tz = ZoneInfo("America/Los_Angeles")
    user = UserFactory(time_zone="America/Los_Angeles")
    client.force_login(user)
    with time_machine.travel(datetime(2026, 5, 10, 23, 45, tzinfo=tz), tick=False):
        course = CourseFactory(owner=user, start_date=date(2026, 5, 9))
        DoseFactory(course=course, taken_at=datetime(2026, 5, 10, 23, 30, tzinfo=tz))
        panel = first_panel(client)
        assert panel.day == 2
        assert panel.mg_today == Decimal("350")
    with time_machine.travel(datetime(2026, 5, 11, 0, 10, tzinfo=tz), tick=False):
        panel = first_panel(client)
        assert panel.day == 3
        assert panel.mg_today == 0


def test_the_day_counts_in_the_users_zone_not_the_servers(client):
    # 22:00 UTC on 10 May is already 11 May in Tokyo.
    user = UserFactory(time_zone="Asia/Tokyo")
    Profile.objects.filter(user=user).update(time_zone="Asia/Tokyo")
    client.force_login(user)
    with time_machine.travel(datetime(2026, 5, 10, 22, 0, tzinfo=ZoneInfo("UTC")), tick=False):
        CourseFactory(owner=user, start_date=date(2026, 5, 11))
        assert first_panel(client).day == 1


def test_before_the_first_dose_the_dashboard_says_how_and_when_to_take_it(owner_client, owner):
    from tests.factories import CourseFactory, DoseFactory

    course = CourseFactory(owner=owner)
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "Before your first dose" in html
    assert "with or without food" in html and "Never take two doses at once" in html
    assert "[PATIENT-PAGE]" in html
    DoseFactory(course=course)
    assert "Before your first dose" not in owner_client.get(reverse("dashboard")).content.decode()


def test_an_app_default_threshold_never_cites_the_label_as_its_source(owner_client, owner):
    """The course days of carisoprodol are app defaults: their findings ask for the prescriber
    and do not name SOMA-LABEL as where the number comes from."""
    CourseFactory(owner=owner, start_date=timezone.localdate() - timedelta(days=13))
    html = owner_client.get(reverse("dashboard")).content.decode()
    start = html.index('data-finding="course_limit_reached"')
    finding = html[start : html.index("</details>", start)]
    assert "This threshold is an app default" in finding
    assert "confirm it with your prescriber" in finding
    assert "SOMA-LABEL" not in finding
