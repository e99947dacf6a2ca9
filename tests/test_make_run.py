"""`make run` serves what a user should see: DEBUG off, a key of its own, static files."""

import os
import re
import shutil
import subprocess
import sys
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
