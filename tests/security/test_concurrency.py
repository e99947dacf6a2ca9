"""Writers in real parallel threads against the file-backed test database (SQLite WAL with
IMMEDIATE transactions and a busy timeout; PostgreSQL in CI's second run)."""

import sqlite3
import threading
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import CourseFactory, UserFactory
from tracker.models import Dose

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

# Eight writers at once is the contention that matters; a dozen doses each keeps them
# overlapping for the whole test without making it slow.
WORKERS, DOSES_EACH = 8, 12


def _run_parallel(target, count):
    barrier = threading.Barrier(count)
    errors = []

    def run(index):
        try:
            barrier.wait()
            target(index)
        except Exception as exc:  # noqa: BLE001 - every failure is reported by the test
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return errors


@pytest.fixture
def course():
    user = UserFactory(username="busy")
    return CourseFactory(owner=user, start_date=timezone.localdate() - timedelta(days=30))


def _post_dose(client, course, token):
    when = timezone.localtime(timezone.now() - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    return client.post(
        reverse("dose_create", args=[course.pk]),
        {"amount_mg": "350", "taken_at": when, "note": "", "token": token},
    )


def test_eight_workers_logging_at_once_give_exactly_one_row_per_dose(course):
    def worker(index):
        client = Client()
        client.force_login(course.owner)
        for _ in range(DOSES_EACH):
            response = _post_dose(client, course, str(uuid.uuid4()))
            assert response.status_code == 302, response.status_code

    errors = _run_parallel(worker, WORKERS)
    assert errors == []
    assert Dose.objects.filter(course=course).count() == WORKERS * DOSES_EACH


def test_the_same_form_token_from_two_workers_at_once_records_one_dose(course):
    tokens = [str(uuid.uuid4()) for _ in range(20)]

    def worker(index):
        client = Client()
        client.force_login(course.owner)
        for token in tokens:
            assert _post_dose(client, course, token).status_code == 302

    assert _run_parallel(worker, 2) == []
    assert Dose.objects.filter(course=course).count() == len(tokens)


def test_a_backup_taken_while_writes_go_on_is_consistent(course, tmp_path):
    """SQLite: the online backup API; PostgreSQL: pg_dump. Either way, a usable copy."""
    target = tmp_path / "backup.db"
    done = threading.Event()

    def writer(index):
        if index == 0:
            client = Client()
            client.force_login(course.owner)
            while not done.is_set():
                _post_dose(client, course, str(uuid.uuid4()))
        else:
            call_command("backup", output=str(target))
            done.set()

    assert _run_parallel(writer, 2) == []
    if connection.vendor == "postgresql":
        dump = target.read_text()
        assert "CREATE TABLE public.tracker_dose" in dump and "COPY public.tracker_dose" in dump
        return
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copied = copy.execute("SELECT COUNT(*) FROM tracker_dose").fetchone()[0]
    copy.close()
    assert 0 <= copied <= Dose.objects.count()
    assert Path(target).stat().st_size > 0
