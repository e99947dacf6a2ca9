"""The private calendar feed: parses with icalendar, holds the planned events, revocable."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from tests.factories import CourseFactory, UserFactory
from tracker.models import Profile, TaperPlan, TaperStep

pytestmark = pytest.mark.django_db
NY = ZoneInfo("America/New_York")


@pytest.fixture
def patient(client):
    user = UserFactory(time_zone="America/New_York")
    Profile.objects.filter(user=user).update(dose_times=["08:00", "14:00", "20:00", "23:00"])
    client.force_login(user)
    client.post(reverse("calendar_token_new"))
    return user


def _feed(client, user):
    token = Profile.objects.get(user=user).calendar_token
    client.logout()  # calendar apps have no session: the token alone opens it
    return client.get(reverse("calendar_feed", args=[token]))


def _events(response):
    cal = Calendar.from_ical(response.content)
    return [c for c in cal.walk("VEVENT")]


def test_the_feed_has_dose_times_milestones_and_steps_across_a_dst_change(client, patient):
    # US clocks spring forward on 8 March 2026; the course runs across it.
    with time_machine.travel(datetime(2026, 3, 5, 9, 0, tzinfo=NY), tick=False):
        course = CourseFactory(owner=patient, start_date=date(2026, 3, 1))
        plan = TaperPlan.objects.create(course=course)
        for day, n in [(12, 2), (15, 0)]:
            TaperStep.objects.create(
                plan=plan,
                start_date=date(2026, 3, day),
                mg_per_intake=350 if n else 0,
                intakes_per_day=n,
            )
        response = _feed(client, patient)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response)
    timed = [e.decoded("DTSTART") for e in events if isinstance(e.decoded("DTSTART"), datetime)]
    before = [t for t in timed if t.date() == date(2026, 3, 7)]
    after = [t for t in timed if t.date() == date(2026, 3, 9)]
    assert [t.hour for t in before] == [8, 14, 20, 23] == [t.hour for t in after]
    assert before[0].utcoffset() == timedelta(hours=-5)
    assert after[0].utcoffset() == timedelta(hours=-4)
    # Taper: two doses a day from the 12th, none from the 15th.
    assert len([t for t in timed if t.date() == date(2026, 3, 12)]) == 2
    assert not [t for t in timed if t.date() >= date(2026, 3, 15)]
    all_day = {
        str(e["SUMMARY"]): e.decoded("DTSTART")
        for e in events
        if not isinstance(e.decoded("DTSTART"), datetime)
    }
    assert all_day["Carisoprodol: the 14-day mark is approaching"] == date(2026, 3, 11)
    assert all_day["Carisoprodol: day 14, the course limit is reached"] == date(2026, 3, 14)
    assert all_day["Carisoprodol taper: 350 mg twice a day"] == date(2026, 3, 12)
    assert all_day["Carisoprodol taper: none (stopped)"] == date(2026, 3, 15)
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert all(
        str(e["SUMMARY"]) == "Carisoprodol 350 mg"
        for e in events
        if isinstance(e.decoded("DTSTART"), datetime)
    )


def test_a_wrong_token_is_404(client):
    assert client.get(reverse("calendar_feed", args=["not-a-real-token"])).status_code == 404


def test_a_revoked_token_is_404_and_a_new_one_works(client, patient):
    old = Profile.objects.get(user=patient).calendar_token
    client.post(reverse("calendar_token_revoke"))
    assert Profile.objects.get(user=patient).calendar_token is None
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    client.post(reverse("calendar_token_new"))
    new = Profile.objects.get(user=patient).calendar_token
    assert new != old and len(new) >= 40
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200


def test_the_feed_holds_only_its_owners_courses(client, patient):
    CourseFactory(owner=patient, start_date=date(2026, 1, 1))
    CourseFactory(owner=UserFactory(), start_date=date(2026, 2, 1))
    events = _events(_feed(client, patient))
    caution_days = [e.decoded("DTSTART") for e in events if "approaching" in str(e["SUMMARY"])]
    assert caution_days == [date(2026, 1, 11)]


def test_the_settings_page_shows_the_feed_url_and_saves_dose_times(client, patient):
    page = client.get(reverse("settings")).content.decode()
    token = Profile.objects.get(user=patient).calendar_token
    assert token in page and "Copy" in page
    client.post(
        reverse("settings"),
        {
            "time_zone": "America/New_York",
            "dose_times": "20:00, 8:00",
            "email": "me@example.org",
            "email_reminders": "on",
        },
    )
    profile = Profile.objects.get(user=patient)
    assert profile.dose_times == ["08:00", "20:00"] and profile.email_reminders


def test_bad_dose_times_are_refused(client, patient):
    response = client.post(reverse("settings"), {"time_zone": "UTC", "dose_times": "8am, 25:00"})
    assert "is not a time" in response.content.decode()
    assert Profile.objects.get(user=patient).time_zone == "America/New_York"


def test_reminders_need_an_email_address(client, patient):
    response = client.post(
        reverse("settings"), {"time_zone": "UTC", "email": "", "email_reminders": "on"}
    )
    assert "Enter an e-mail address" in response.content.decode()


def test_every_event_has_a_display_alarm_before_a_dose_or_on_the_morning_of_a_milestone(
    client, patient, settings
):
    settings.REMINDER_HOUR = 7
    with time_machine.travel(datetime(2026, 3, 5, 9, 0, tzinfo=NY), tick=False):
        course = CourseFactory(owner=patient, start_date=date(2026, 3, 1))
        TaperStep.objects.create(
            plan=TaperPlan.objects.create(course=course),
            start_date=date(2026, 3, 12),
            mg_per_intake=350,
            intakes_per_day=2,
        )
        response = _feed(client, patient)
    events = _events(response)
    assert b"TRIGGER:-PT5M" in response.content and b"TRIGGER:PT7H" in response.content
    for event in events:
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert str(alarm["DESCRIPTION"]).startswith(str(event["SUMMARY"]))
        if isinstance(event.decoded("DTSTART"), datetime):
            assert alarm.decoded("TRIGGER") == timedelta(minutes=-5)  # before the dose
        else:
            assert alarm.decoded("TRIGGER") == timedelta(hours=7)  # 07:00 on the day
    limit_day = next(e for e in events if "course limit is reached" in str(e["SUMMARY"]))
    [alarm] = limit_day.walk("VALARM")
    assert "Talk to your prescriber" in str(alarm["DESCRIPTION"])


def test_the_settings_page_offers_the_feed_to_calendar_apps_as_webcal(client, patient):
    page = client.get(reverse("settings")).content.decode()
    token = Profile.objects.get(user=patient).calendar_token
    https_url = f"http://testserver{reverse('calendar_feed', args=[token])}"
    assert f'value="{https_url}"' in page
    assert f'href="webcal://testserver{reverse("calendar_feed", args=[token])}"' in page
    assert "Add to calendar" in page


def test_there_is_no_webcal_link_without_a_feed(client, patient):
    client.post(reverse("calendar_token_revoke"))
    client.force_login(patient)
    page = client.get(reverse("settings")).content.decode()
    assert "webcal://" not in page and "Add to calendar" not in page


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/calendar/abc.ics", "webcal://example.org/calendar/abc.ics"),
        ("http://127.0.0.1:8000/calendar/abc", "webcal://127.0.0.1:8000/calendar/abc"),
        ("/calendar/abc", "/calendar/abc"),
    ],
)
def test_the_webcal_filter_swaps_only_the_scheme(url, expected):
    from tracker.templatetags.calendar_links import webcal

    assert webcal(url) == expected
