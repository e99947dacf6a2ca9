"""Real consumers, two at once on one queue (embedded SQLite, then Redis): the periodic task and
extra copies of it all run, and each due reminder e-mail goes out exactly once."""

import time
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import redis
from django.utils import timezone
from huey.storage import RedisStorage, SqliteStorage

from tests.factories import CourseFactory, UserFactory
from tests.queue.consumers import (
    consumer_env,
    queueing_into,
    running_consumers,
    sent_emails,
    task_runs,
    wait_for,
)
from tracker.models import Profile, ReminderSent, TaperPlan, TaperStep
from tracker.tasks import send_reminders_every_minute

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]
REDIS_URL = "redis://127.0.0.1:6379/0"
EXTRA_COPIES = 6  # queued by hand, beside the one each consumer's scheduler queues at start


def _patient(name: str, start: date, opted_in: bool = True):
    user = UserFactory(username=name)  # time zone UTC, as the consumers' "today" below
    Profile.objects.filter(user=user).update(email_reminders=opted_in)
    return CourseFactory(owner=user, start_date=start)


def _reminders_due_today() -> list[tuple[str, str]]:
    """Three patients with one reminder each due today, one who did not opt in."""
    now = timezone.now()  # UTC, as the patients' zone
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    if midnight - now < timedelta(seconds=30):  # the consumers must see the test's "today"
        time.sleep((midnight - now).total_seconds() + 1)
    today = timezone.now().date()
    _patient("caution", today - timedelta(days=10))
    _patient("limit", today - timedelta(days=13))
    tapering = _patient("tapering", today - timedelta(days=3))
    plan = TaperPlan.objects.create(course=tapering)
    TaperStep.objects.create(plan=plan, start_date=today, mg_per_intake=350, intakes_per_day=2)
    _patient("quiet", today - timedelta(days=10), opted_in=False)
    return [
        ("caution@example.org", "Carisoprodol: day 11, the course limit is approaching"),
        ("limit@example.org", "Carisoprodol: day 14, the course limit is reached"),
        ("tapering@example.org", "Carisoprodol: your taper step changes today"),
    ]


def _two_consumers_send_once(tmp_path, env, storage) -> None:
    """Queue copies of the task, start two consumers (each scheduler queues one more), let them
    all finish; then queue more, which run after the first sends, and must find nothing left."""
    expected = _reminders_due_today()
    logs = tmp_path / "logs"

    def queue_copies():
        with queueing_into(storage):
            for _ in range(EXTRA_COPIES):
                send_reminders_every_minute()

    def all_finished(queued_by_hand):
        def finished():
            runs = task_runs(logs)
            done = runs["ran"] + runs["locked"]
            return runs["periodic"] >= 2 and done == queued_by_hand + runs["periodic"]

        wait_for(finished, describe=lambda: f"every copy to finish: {task_runs(logs)}")

    queue_copies()
    assert storage.queue_size() == EXTRA_COPIES
    with running_consumers(env, count=2, logs=logs):
        all_finished(EXTRA_COPIES)
        ran_first = task_runs(logs)["ran"]
        queue_copies()
        all_finished(2 * EXTRA_COPIES)
    runs = task_runs(logs)
    assert runs["errors"] == 0, (logs / "consumer-0.log").read_text()
    assert ran_first >= 1 and runs["ran"] > ran_first  # later runs found nothing left to send
    assert storage.queue_size() == 0
    assert sorted(sent_emails(tmp_path / "mail")) == expected
    assert ReminderSent.objects.filter(sent_at__isnull=False).count() == len(expected)


def test_two_consumers_on_one_sqlite_queue_send_each_reminder_once(tmp_path):
    name, path = "tracker-test", tmp_path / "huey.sqlite3"
    env = consumer_env(tmp_path, HUEY_NAME=name, HUEY_SQLITE_FILE=str(path))
    _two_consumers_send_once(tmp_path, env, SqliteStorage(name, filename=str(path)))


def test_two_consumers_on_one_redis_queue_send_each_reminder_once(tmp_path):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"This test needs Redis at {REDIS_URL} (apt-get install redis-server): {exc}")
    name = f"tracker-test-{uuid.uuid4().hex}"  # its own keys: nothing else's queue is touched
    storage = RedisStorage(name, url=REDIS_URL)
    try:
        env = consumer_env(tmp_path, HUEY_NAME=name, REDIS_URL=REDIS_URL)
        _two_consumers_send_once(tmp_path, env, storage)
    finally:
        storage.flush_all()
