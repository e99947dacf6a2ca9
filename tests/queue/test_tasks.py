"""The reminder task in the tests' immediate mode, the settings that pick the queue, and the
web app without a consumer."""

import os
import subprocess
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from huey.contrib.djhuey import HUEY
from huey.exceptions import TaskLockedException

from tests.factories import CourseFactory, UserFactory
from tests.queue.consumers import ROOT
from tracker.models import Profile
from tracker.services import sending
from tracker.task_lock import ExpiringLock
from tracker.tasks import LOCK_EXPIRES, send_reminders_every_minute

LONDON = ZoneInfo("Europe/London")
CAUTION_DAY = date(2026, 5, 11)  # day 11 of a course from 1 May


@pytest.fixture
def patient_in_london(db):
    user = UserFactory(email="pat@example.org", time_zone="Europe/London")
    Profile.objects.filter(user=user).update(email_reminders=True)
    return CourseFactory(owner=user, start_date=date(2026, 5, 1))


def _at(hour, minute=0, second=0, zone=LONDON):
    moment = datetime(2026, 5, 11, hour, minute, second, tzinfo=zone)
    return time_machine.travel(moment, tick=False)


def test_tests_run_tasks_immediately_with_no_consumer():
    assert HUEY.immediate


def test_the_task_is_due_every_minute():
    moments = [datetime(2026, 5, 11, h, m) for h in (0, 7, 23) for m in (0, 1, 59)]
    due = send_reminders_every_minute.s().validate_datetime
    assert all(due(moment) for moment in moments)


def test_the_task_sends_the_due_reminder_once_however_often_it_runs(patient_in_london):
    with _at(7, 0):
        send_reminders_every_minute()  # through the queue (immediate: no result is kept)
        send_reminders_every_minute()
        sent = send_reminders_every_minute.call_local()
    assert sent == {"e-mail reminders": 0, "push notifications": 0}
    [message] = mail.outbox
    assert message.to == ["pat@example.org"] and "day 11" in message.subject


def test_reminders_wait_for_the_morning_in_the_patients_own_zone(patient_in_london, settings):
    settings.REMINDER_HOUR = 7
    with _at(6, 59):
        send_reminders_every_minute()
    assert mail.outbox == []
    with _at(7, 0):  # 06:00 UTC: London is on summer time
        send_reminders_every_minute()
    assert len(mail.outbox) == 1


def test_a_new_york_patient_is_not_woken_at_london_breakfast(db):
    user = UserFactory(email="ny@example.org", time_zone="America/New_York")
    Profile.objects.filter(user=user).update(email_reminders=True)
    CourseFactory(owner=user, start_date=date(2026, 5, 1))
    with _at(7, 0):  # 02:00 in New York
        send_reminders_every_minute()
    assert mail.outbox == []
    with _at(7, 0, zone=ZoneInfo("America/New_York")):
        send_reminders_every_minute()
    assert [m.to for m in mail.outbox] == [["ny@example.org"]]


@pytest.fixture(autouse=True)
def _no_lock_left():
    """The tests' queue lives in memory for the whole session: leave no lock in it."""
    yield
    HUEY.delete(_lock().key)


def _lock():
    return ExpiringLock(HUEY, "send-everything-due", LOCK_EXPIRES)


def test_a_copy_that_finds_the_lock_taken_sends_nothing(patient_in_london, caplog):
    with _at(7, 0):
        with _lock():
            send_reminders_every_minute()
        assert mail.outbox == []
        assert "not run, unable to acquire lock send-everything-due" in caplog.text
        send_reminders_every_minute()  # the lock was released
    assert len(mail.outbox) == 1


def test_a_lock_left_by_a_killed_consumer_expires(patient_in_london, caplog):
    with _at(6, 50):
        _lock().__enter__()  # and never leaves: its consumer was killed
    with _at(6, 59, 59), pytest.raises(TaskLockedException):
        _lock().__enter__()
    with _at(7, 0):  # ten minutes on
        send_reminders_every_minute()
    assert len(mail.outbox) == 1
    assert "taking it over" in caplog.text
    with _lock():  # and this run released it
        pass


def test_a_run_does_not_release_a_lock_another_took_over(patient_in_london):
    with _at(7, 0):
        slow = _lock().__enter__()
    with _at(7, 10):
        taker = _lock().__enter__()
        slow.__exit__(None, None, None)
        with pytest.raises(TaskLockedException):
            _lock().__enter__()
        taker.__exit__(None, None, None)
        with _lock():
            pass


def test_one_failing_sender_does_not_stop_the_others(patient_in_london, monkeypatch, caplog):
    monkeypatch.setattr(
        sending,
        "SENDERS",
        {"broken": "tests.queue.test_tasks.a_broken_sender"} | sending.SENDERS,
    )
    with _at(7, 0):
        sent = sending.send_everything_due()
    assert (sent["broken"], sent["e-mail reminders"], sent["push notifications"]) == (0, 1, 0)
    assert "sending broken failed" in caplog.text


def a_broken_sender(now):
    raise OSError("the push service is down")


def test_the_cron_fallback_sends_through_the_same_list(patient_in_london):
    with _at(7, 0):
        call_command("send_reminders", stdout=(out := _Output()))
        call_command("send_reminders", stdout=out)
    assert out.lines == [
        "Sent 1 e-mail reminders.",
        "Sent 0 push notifications.",
        "Sent 0 e-mail reminders.",
        "Sent 0 push notifications.",
    ]
    assert len(mail.outbox) == 1


class _Output:
    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text.strip())

    def flush(self):
        pass


def _settings_in_a_fresh_process(code: str, **env: str) -> str:
    """Return what `code` prints in a process outside pytest (with none of its queue settings)."""
    unset = {"REDIS_URL", "HUEY_SQLITE_FILE", "HUEY_IMMEDIATE", "PYTEST_VERSION"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=base | {"DJANGO_SETTINGS_MODULE": "config.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


SET_UP = "import django; django.setup(); "
QUEUE = SET_UP + (
    "from huey.contrib.djhuey import HUEY; "
    "print(type(HUEY).__name__, type(HUEY.storage).__name__, HUEY.immediate, "
    "getattr(HUEY.storage, 'filename', ''))"
)


def test_outside_tests_the_queue_is_embedded_sqlite_beside_the_database(tmp_path):
    out = _settings_in_a_fresh_process(QUEUE, HUEY_SQLITE_FILE=str(tmp_path / "q.sqlite3"))
    assert out == f"SqliteHuey SqliteStorage False {tmp_path / 'q.sqlite3'}"
    default = "from django.conf import settings as s; print(s.HUEY['filename'])"  # no set-up
    assert _settings_in_a_fresh_process(default) == str(ROOT / "huey.sqlite3")
    assert "huey.sqlite3*" in (ROOT / ".gitignore").read_text().split()


def test_with_redis_url_the_queue_is_redis():
    out = _settings_in_a_fresh_process(QUEUE, REDIS_URL="redis://127.0.0.1:6379/0")
    assert out.split()[:3] == ["RedisHuey", "RedisStorage", "False"]


def test_the_web_app_works_with_no_consumer_and_redis_unreachable():
    """Pages never wait on the queue: nothing a request does enqueues or reads it."""
    code = SET_UP + (
        "from django.test import Client; "
        "print(Client().get('/accounts/login/').status_code, Client().get('/').status_code)"
    )
    out = _settings_in_a_fresh_process(
        code,
        REDIS_URL="redis://127.0.0.1:1/0",
        DATABASE_URL="sqlite:///:memory:",
        ALLOWED_HOSTS="testserver",
    )
    assert out == "200 302"
