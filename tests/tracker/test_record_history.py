"""A record's change history: times in the patient's zone, fields by their labels, values
as the patient reads them."""

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.factories import CourseFactory, DoseFactory, UserFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def paris_user(client):
    user = UserFactory(time_zone="Europe/Paris")
    client.force_login(user)
    return user


def _history(client, kind, pk) -> str:
    return client.get(reverse("record_history", args=[kind, pk])).content.decode()


def _text(html: str) -> str:
    """Return what the page says, without its markup."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_an_edited_dose_shows_local_times_and_labels_not_columns(client, paris_user):
    course = CourseFactory(owner=paris_user, start_date=date(2026, 5, 30))
    with time_machine.travel(datetime(2026, 6, 1, 6, 0, tzinfo=UTC), tick=False):
        dose = DoseFactory(course=course, taken_at=datetime(2026, 6, 1, 7, 0, tzinfo=PARIS))
    with time_machine.travel(datetime(2026, 6, 1, 10, 15, tzinfo=UTC), tick=False):
        client.post(
            reverse("dose_edit", args=[dose.pk]),
            {"amount_mg": "250", "taken_at": "2026-06-01T07:30", "note": "half a tablet less"},
        )
        html = _history(client, "dose", dose.pk)
    assert "Changed</strong> by you, <time" in html
    assert "Mon 1 Jun 2026, 12:15 (CEST)" in html  # 10:15 UTC
    assert "Time taken</span>: Mon 1 Jun 2026, 07:00 → Mon 1 Jun 2026, 07:30" in html
    assert "Amount (mg)</span>: 350 → 250" in html
    assert "Note</span>: — → half a tablet less" in html
    assert "250 mg of carisoprodol, taken Mon 1 Jun 2026, 07:30" in html
    for column in ["taken_at", "amount_mg", "None", "+00:00", "05:30"]:
        assert column not in _text(html), column


def test_a_course_edit_is_shown_with_its_field_labels_and_readable_values(owner_client, owner):
    course = CourseFactory(owner=owner, start_date=date(2026, 6, 1))
    course.mg_per_intake, course.prescriber, course.planned_days = 250, "Dr Rivera", 10
    course.save()
    course.status, course.end_date = "finished", date(2026, 6, 10)
    course.save()
    html = _history(owner_client, "course", course.pk)
    for text in [
        "Carisoprodol course from Mon 1 Jun 2026",
        "mg per intake</span>: 350 → 250",
        "Prescriber&#x27;s name</span>: — → Dr Rivera",
        "Planned length (days)</span>: — → 10",
        "Status</span>: Active → Finished as planned",
        "End date</span>: — → Wed 10 Jun 2026",
    ]:
        assert text in html, text
    assert "None" not in _text(html) and "mg_per_intake" not in _text(html)
    changed = html.index("Status</span>")
    assert changed < html.index("mg per intake</span>")  # newest revision first


def test_the_revision_time_follows_the_patients_zone_across_a_dst_change(client):
    user = UserFactory(time_zone="America/New_York")
    client.force_login(user)
    with time_machine.travel(datetime(2026, 3, 8, 12, 0, tzinfo=UTC), tick=False):
        course = CourseFactory(owner=user, start_date=date(2026, 3, 1))
        course.reason = "back strain"
        course.save()
    html = _history(client, "course", course.pk)
    assert "Sun 8 Mar 2026, 08:00 (EDT)" in html  # clocks went forward at 02:00 that day
    assert "Reason</span>: — → back strain" in html
