"""Real Huey consumers (`manage.py run_huey`) in their own processes, for the queue tests.

Each consumer is a separate Django process on the test database, with the queue switched out of
pytest's immediate mode and e-mail written to files, so sends from every process can be counted.
"""

import os
import re
import signal
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
TASK = "tracker.tasks.send_reminders_every_minute"


def consumer_env(tmp_path: Path, **queue: str) -> dict[str, str]:
    """Return the environment of a consumer on the test database; `queue` picks the broker."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "HUEY_SQLITE_FILE"}}
    return (
        env
        | {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": _test_database_url(),
            "HUEY_IMMEDIATE": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(tmp_path / "mail"),
            "REMINDER_HOUR": "0",  # the tests run at any hour of the day
        }
        | queue
    )


def _test_database_url() -> str:
    """Return the address of the test database this process uses (SQLite or PostgreSQL)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    assert connection.vendor == "postgresql", connection.vendor
    user = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def running_consumers(env: dict[str, str], count: int, logs: Path):
    """Start `count` consumers with two worker threads each; stop them all on leaving."""
    logs.mkdir(exist_ok=True)
    with ExitStack() as stack:
        for n in range(count):
            log = stack.enter_context(open(logs / f"consumer-{n}.log", "w"))
            process = subprocess.Popen(
                [sys.executable, "manage.py", "run_huey", "--workers", "2", "--max-delay", "0.5"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            stack.callback(_stop, process)
        yield


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)  # the graceful signal in settings.HUEY
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def task_runs(logs: Path) -> dict[str, int]:
    """Return, over every consumer's log, how many copies of the task a scheduler queued, how
    many ran to the end, how many were skipped because another copy held the lock, and how many
    errors were logged."""
    text = "".join(path.read_text() for path in sorted(logs.glob("*.log")))
    task = re.escape(TASK)

    def ids(pattern: str) -> set[str]:
        return set(re.findall(pattern, text))

    return {
        "periodic": len(ids(rf"Enqueueing periodic task {task}: (\S+)")),
        "ran": len(ids(rf"{task}: (\S+) .*executed in")),
        "locked": len(ids(r"Task (\S+) not run, unable to acquire lock")),
        "errors": len(re.findall(r"ERROR|Traceback", text)),
    }


def wait_for(condition, timeout: float = 20, describe=lambda: "the consumers") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {describe()}")
        time.sleep(0.2)


def sent_emails(mail_dir: Path) -> list[tuple[str, str]]:
    """Return (recipient, subject) for every message the file backend wrote, in any process."""
    sent = []
    for path in sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []:
        text = path.read_text()
        sent += list(
            zip(
                re.findall(r"^To: (.*)$", text, re.MULTILINE),
                re.findall(r"^Subject: (.*)$", text, re.MULTILINE),
                strict=True,
            )
        )
    return sent


@contextmanager
def queueing_into(storage):
    """Let this process (immediate mode under pytest) put tasks on a consumer's queue instead."""
    from huey.contrib.djhuey import HUEY

    saved = HUEY.storage, HUEY.immediate
    HUEY.storage, HUEY._immediate = storage, False
    try:
        yield
    finally:
        HUEY.storage, HUEY._immediate = saved
