"""`make run` serves what a user should see: DEBUG off, a key of its own, static files; and it
runs the reminder queue beside the server, stopping it with the server."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKEFILE = (ROOT / "Makefile").read_text()


def _recipe(target: str) -> list[str]:
    """Return the recipe lines of a target, continuation lines joined."""
    text = MAKEFILE.replace("\\\n", " ")
    match = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert match, f"no {target} target in the Makefile"
    return [line.strip() for line in match.group(1).splitlines()]


def _variable(name: str) -> str:
    text = MAKEFILE.replace("\\\n", " ")
    match = re.search(rf"^{name}\s*\??=\s*(.*)$", text, re.MULTILINE)
    assert match, f"no {name} in the Makefile"
    return match.group(1)


def test_the_run_target_does_not_enable_debug():
    assert _variable("DEBUG") == "0"
    assert "DEBUG=$(DEBUG)" in _variable("RUN_ENV")
    [serve] = [line for line in _recipe("run") if "runserver" in line]
    assert serve.startswith("$(RUN_ENV) ")
    code = "\n".join(line for line in MAKEFILE.splitlines() if not line.startswith("#"))
    assert "DEBUG=1" not in code and "DEBUG=True" not in code


def test_the_run_target_collects_static_files_and_uses_its_own_key():
    run = _recipe("run")
    assert any("collectstatic --noinput" in line for line in run)
    assert "$(SECRET_KEY_FILE)" in _variable("RUN_ENV")
    assert ".secret-key" in (ROOT / ".gitignore").read_text().split()
    assert "dev-only-insecure-key" not in MAKEFILE


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_says_it_would_serve_with_debug_off():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "MAKEFLAGS", "MFLAGS"}}
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    [serve] = [line for line in result.stdout.splitlines() if "runserver" in line]
    assert "DEBUG=0 " in serve and "HTTPS=0 " in serve


def test_the_run_environment_serves_plain_http_with_debug_off():
    """What make run sets: the settings load, and nothing needs HTTPS on this machine."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "DEBUG": "0",
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECRET_KEY": "a-key-made-for-this-test-" + "x" * 40,
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.ALLOWED_HOSTS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "False",
        "False",
        "False",
        "0",
        "['127.0.0.1',",
        "'localhost']",
    ]


def test_the_run_target_starts_the_reminder_queue_beside_the_server():
    [both] = [line for line in _recipe("run") if "runserver" in line]
    assert both.startswith("$(RUN_ENV) $(PY) manage.py run_huey & ")
    assert "trap 'kill $$queue" in both


FAKE_PYTHON = """#!/bin/sh
# Stands in for the virtualenv's python: records what `make run` starts and stops.
case "$2" in
  run_huey) echo "queue started $$" >> "$FAKE_LOG"
            trap 'echo "queue stopped" >> "$FAKE_LOG"; exit 0' TERM
            trap '' INT  # so only make's own clean-up can stop it
            while :; do sleep 0.1; done ;;
  runserver) echo "server started" >> "$FAKE_LOG"; sleep "$FAKE_SERVER_SECONDS"
             echo "server stopped" >> "$FAKE_LOG" ;;
esac
"""


@pytest.fixture
def leftovers(tmp_path):
    """After the test, end any fake queue that `make run` failed to stop."""
    yield
    for line in _log(tmp_path):
        if line.startswith("queue started") and _alive(pid := int(line.split()[-1])):
            os.kill(pid, signal.SIGKILL)


def _make_run_with_a_fake_python(tmp_path, server_seconds):
    """Start `make run` (without its migrate step) with FAKE_PYTHON; return the process."""
    fake = tmp_path / "python"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS"}} | {
        "FAKE_LOG": str(tmp_path / "log"),
        "FAKE_SERVER_SECONDS": str(server_seconds),
        "SECRET_KEY": "x" * 50,
    }
    return subprocess.Popen(
        ["make", "--old-file=migrate", "run", f"PY={fake}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, as a terminal gives it
    )


def _log(tmp_path) -> list[str]:
    path = tmp_path / "log"
    return path.read_text().splitlines() if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_queue_stops_when_the_server_stops(tmp_path, leftovers):
    make = _make_run_with_a_fake_python(tmp_path, server_seconds=1)
    assert make.wait(timeout=30) == 0
    lines = _log(tmp_path)
    assert {"server started", "server stopped"} <= set(lines)
    assert lines[-1] == "queue stopped"
    [started] = [line for line in lines if line.startswith("queue started")]
    assert not _alive(int(started.split()[-1]))


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_ctrl_c_stops_the_server_and_the_queue(tmp_path, leftovers):
    make = _make_run_with_a_fake_python(tmp_path, server_seconds=60)
    deadline = time.monotonic() + 20
    while len(_log(tmp_path)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sorted(line.split()[1] for line in _log(tmp_path)) == ["started", "started"]
    os.killpg(make.pid, signal.SIGINT)  # what Ctrl+C in the terminal sends
    make.wait(timeout=30)
    assert "queue stopped" in _log(tmp_path)
    assert "server stopped" not in _log(tmp_path)
    [started] = [line for line in _log(tmp_path) if line.startswith("queue started")]
    assert not _alive(int(started.split()[-1]))
