"""send_reminders: each reminder once, even run twice or twice at once; opted-out users get none."""

import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CourseFactory, UserFactory
from tracker.models import Profile, ReminderSent, TaperPlan, TaperStep
from tracker.services.reminders import send_due_reminders

ZONE = ZoneInfo("Europe/London")
CAUTION_MORNING = datetime(2026, 5, 11, 7, 0, tzinfo=ZONE)  # day 11 of a course from 1 May


def _opted_in(email="pat@example.org"):
    user = UserFactory(email=email, time_zone="Europe/London")
    Profile.objects.filter(user=user).update(email_reminders=True)
    return user


@pytest.mark.django_db
def test_the_caution_day_reminder_is_sent_once_when_run_twice():
    CourseFactory(owner=_opted_in(), start_date=date(2026, 5, 1))
    with time_machine.travel(CAUTION_MORNING, tick=False):
        call_command("send_reminders")
        call_command("send_reminders")
    [message] = mail.outbox
    assert "day 11" in message.subject and message.to == ["pat@example.org"]
    assert ReminderSent.objects.get().sent_at is not None


@pytest.mark.django_db
def test_limit_day_and_step_change_reminders():
    course = CourseFactory(owner=_opted_in(), start_date=date(2026, 5, 1))
    plan = TaperPlan.objects.create(course=course)
    TaperStep.objects.create(
        plan=plan, start_date=date(2026, 5, 14), mg_per_intake=350, intakes_per_day=2
    )
    with time_machine.travel(datetime(2026, 5, 14, 7, 0, tzinfo=ZONE), tick=False):
        assert send_due_reminders() == 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "Carisoprodol: day 14, the course limit is reached",
        "Carisoprodol: your taper step changes today",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("day", [15, 21, 22, 30])
def test_past_the_limit_a_reminder_goes_out_every_day_until_the_course_ends(day):
    course = CourseFactory(owner=_opted_in(), start_date=date(2026, 5, 1))
    with time_machine.travel(datetime(2026, 5, day, 7, 0, tzinfo=ZONE), tick=False):
        assert send_due_reminders() == 1
        assert send_due_reminders() == 0  # once a day
    [message] = mail.outbox
    assert (
        message.subject
        == {
            15: "Carisoprodol: day 15, past the usual limit",
            21: "Carisoprodol: day 21, the last day of the longest course",
            22: "Carisoprodol: day 22, beyond the 21-day limit",
            30: "Carisoprodol: day 30, beyond the 21-day limit",
        }[day]
    )
    assert "do not stop suddenly on your own" in message.body
    course.status, course.end_date = "stopped", date(2026, 5, day)
    course.save()
    with time_machine.travel(datetime(2026, 5, day + 1, 7, 0, tzinfo=ZONE), tick=False):
        assert send_due_reminders() == 0


@pytest.mark.django_db
def test_nothing_is_sent_to_users_who_opted_out_or_on_other_days():
    CourseFactory(owner=UserFactory(email="quiet@example.org"), start_date=date(2026, 5, 1))
    CourseFactory(owner=_opted_in(), start_date=date(2026, 5, 2))
    with time_machine.travel(CAUTION_MORNING, tick=False):
        assert send_due_reminders() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failed_send_releases_the_claim_for_the_next_run(monkeypatch):
    CourseFactory(owner=_opted_in(), start_date=date(2026, 5, 1))

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("tracker.services.reminders.send_mail", broken)
    with time_machine.travel(CAUTION_MORNING, tick=False):
        assert send_due_reminders() == 0
        assert ReminderSent.objects.get().sent_at is None
        monkeypatch.undo()
        assert send_due_reminders() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_two_copies_at_once_send_each_reminder_once():
    for n in range(5):
        CourseFactory(owner=_opted_in(f"p{n}@example.org"), start_date=date(2026, 5, 1))
    counts, errors = [], []
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            counts.append(send_due_reminders(now=CAUTION_MORNING))
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(counts) == 5
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{n}@example.org" for n in range(5)]


@pytest.mark.django_db
def test_once_sent_a_run_every_minute_writes_nothing_and_its_queries_do_not_grow():
    """Guards two costs of running every minute: a claim (a write lock) per reminder already
    sent, and a query per course (N+1) for drugs, limits or taper steps."""
    for n in range(4):
        course = CourseFactory(owner=_opted_in(f"p{n}@example.org"), start_date=date(2026, 5, 1))
        TaperStep.objects.create(
            plan=TaperPlan.objects.create(course=course),
            start_date=date(2026, 5, 11),
            mg_per_intake=350,
            intakes_per_day=2,
        )
    with time_machine.travel(CAUTION_MORNING, tick=False):
        assert send_due_reminders() == 8  # caution day and step change, for each
        with CaptureQueriesContext(connection) as queries:
            assert send_due_reminders() == 0
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert set(statements) == {"SELECT"}, statements
    assert len(statements) <= 8, "\n".join(q["sql"] for q in queries.captured_queries)
