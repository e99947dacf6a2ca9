"""Render a user's planned events as an iCalendar feed (RFC 5545) with the icalendar package."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from tracker.facts import limits_for, taper_steps
from tracker.models import Course, Profile
from tracker.rules.plan_events import dose_events, milestone_events

PRODID = "-//Course tracker//Medication reminders//EN"
# A dose alarm rings this long before the dose time: enough to get the tablet and some water.
DOSE_ALARM_BEFORE = timedelta(minutes=5)


def _alarm(planned) -> Alarm:
    """Return a display alarm for the event: before a timed dose; for an all-day event (a step
    change, the caution or limit day), at REMINDER_HOUR that morning, as the e-mails are sent."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    text = f"{planned.summary}. {planned.description}" if planned.description else planned.summary
    alarm.add("description", text)
    if planned.at is None:
        alarm.add("trigger", timedelta(hours=settings.REMINDER_HOUR))
    else:
        alarm.add("trigger", -DOSE_ALARM_BEFORE)
    return alarm


def _uid(profile: Profile, course: Course, event) -> str:
    clock = event.at.strftime("%H%M") if event.at else "day"
    return f"{event.kind}-{course.pk}-{event.day:%Y%m%d}-{clock}@course-tracker"


def build_feed(profile: Profile, courses: list[Course]) -> bytes:
    """Return the feed of the active courses: dose times, step changes, caution and limit days."""
    zone = ZoneInfo(profile.time_zone)
    today = timezone.now().astimezone(zone).date()
    times = [time.fromisoformat(t) for t in profile.dose_times or []]
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Medication course")
    cal.add("x-wr-timezone", profile.time_zone)
    stamp = timezone.now()
    for course in courses:
        limits = limits_for(course.drug)
        steps = taper_steps(course)
        name = course.drug.generic_name.capitalize()
        events = milestone_events(
            drug_name=name, start=course.start_date, limits=limits, steps=steps
        ) + dose_events(
            drug_name=name,
            start=course.start_date,
            mg_per_intake=course.mg_per_intake,
            intakes_per_day=course.intakes_per_day,
            limits=limits,
            steps=steps,
            dose_times=times if course.is_scheduled else [],  # as needed: no dose is due
            today=today,
        )
        for planned in events:
            event = Event()
            event.add("uid", _uid(profile, course, planned))
            event.add("dtstamp", stamp)
            event.add("summary", planned.summary)
            if planned.description:
                event.add("description", planned.description)
            if planned.at is None:
                event.add("dtstart", planned.day)
                event.add("dtend", planned.day + timedelta(days=1))
            else:
                event.add("dtstart", datetime.combine(planned.day, planned.at, tzinfo=zone))
                event.add("duration", timedelta(minutes=15))
            event.add_component(_alarm(planned))
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
