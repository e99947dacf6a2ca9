"""Two app servers (separate gunicorn processes) on one database and one real Redis: a dose
logged through one shows at once on the dashboard read through the other, though both keep the
dashboard in the shared cache. Redis runs at 127.0.0.1:6379 on the CI machine; when it is down
these tests fail, they never skip."""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
import requests
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection

from tests.factories import CourseFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
PASSWORD = "a long and unusual test password 41"

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}@{host}:{port}/{db['NAME']}"


def _environment(prefix: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=_database_url(),
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=prefix,
        # DEBUG on only so that static files need no collectstatic run (the pages are the same).
        DEBUG="1",
        HTTPS="0",
        SECRET_KEY="two-servers-test-key",
        ALLOWED_HOSTS="127.0.0.1",
    )
    return env


@pytest.fixture
def cache_prefix():
    """A key prefix of this run's own in the real Redis, removed afterwards."""
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # Redis down: fail here, loudly
    prefix = f"two-servers-{uuid.uuid4().hex[:8]}"
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def two_servers(cache_prefix):
    env = _environment(cache_prefix)
    servers, urls = [], []
    for _ in range(2):
        port = _free_port()
        command = [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}"]
        servers.append(subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE))
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, server in zip(urls, servers, strict=True):
            _wait_until_up(url, server)
        yield urls
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"server at {url} exited: {server.stderr.read().decode()}")
        try:
            requests.get(f"{url}/manifest.webmanifest", timeout=30)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    raise AssertionError(f"server at {url} did not start")


def _sign_in(session: requests.Session, url: str, username: str) -> None:
    session.get(f"{url}/accounts/login/", timeout=30)
    response = session.post(
        f"{url}/accounts/login/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{url}/accounts/login/"},
        timeout=10,
    )
    assert response.ok and "sessionid" in session.cookies, response.text[:500]


def _patient(username: str):
    """Return a patient whose password (PASSWORD) the servers' own hashers accept."""
    user = UserFactory(username=username)
    user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.save()
    return user


def _doses_today(html: str) -> int:
    match = re.search(r'class="today-summary">(\d+) of', html)
    assert match, html[:2000]
    return int(match.group(1))


def _log_dose(session: requests.Session, url: str, course_id: int) -> None:
    response = session.post(
        f"{url}/doses/log/",
        data={
            "course": course_id,
            "token": str(uuid.uuid4()),
            "confirmed": "1",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{url}/"},
        timeout=10,
    )
    assert response.ok, response.status_code


def test_a_dose_logged_on_one_server_shows_at_once_on_the_other(two_servers):
    writer, reader = two_servers
    user = _patient("two-servers")
    course = CourseFactory(owner=user)
    session = requests.Session()
    _sign_in(session, writer, user.username)

    for logged in range(6):
        # Read on both first, so each server has the page in the shared cache before the write.
        assert _doses_today(session.get(f"{reader}/", timeout=30).text) == logged
        assert _doses_today(session.get(f"{writer}/", timeout=30).text) == logged
        _log_dose(session, writer, course.pk)
        assert _doses_today(session.get(f"{reader}/", timeout=30).text) == logged + 1
    assert course.doses.count() == 6


def test_both_servers_share_the_cache_in_redis(two_servers, cache_prefix):
    user = _patient("shared-cache")
    CourseFactory(owner=user)
    session = requests.Session()
    _sign_in(session, two_servers[0], user.username)
    session.get(f"{two_servers[1]}/", timeout=30)
    keys = list(redis.Redis.from_url(REDIS_URL).scan_iter(f"{cache_prefix}:*"))
    assert keys, "the dashboard was not cached in Redis"


def _form(html: str) -> dict[str, str]:
    """Return the first one-click form's token and CSRF token as the page carries them."""
    return {
        "token": re.search(r'name="token" value="([^"]+)"', html)[1],
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1],
    }


def test_a_page_kept_by_one_server_is_served_by_the_other_with_its_own_tokens(
    two_servers, cache_prefix
):
    """The rendered dashboard is kept in Redis with placeholders (tracker/views/kept_page.py):
    the other server fills in its own one-click and CSRF tokens, and they work."""
    writer, reader = two_servers
    user = _patient("kept-page")
    course = CourseFactory(owner=user)
    session = requests.Session()
    _sign_in(session, writer, user.username)
    rendered = _form(session.get(f"{writer}/", timeout=30).text)
    kept = redis.Redis.from_url(REDIS_URL).keys(f"{cache_prefix}:*kept:tracker/dashboard.html*")
    assert kept, "the rendered page was not kept in Redis"
    served = _form(session.get(f"{reader}/", timeout=30).text)
    assert served["token"] != rendered["token"] and not served["token"].startswith("slot")
    for _ in range(2):  # a double tap: one dose
        response = session.post(
            f"{reader}/doses/log/",
            data={"course": course.pk, **served},
            headers={"Referer": f"{reader}/"},
            timeout=10,
        )
        assert response.ok, response.status_code
    assert course.doses.count() == 1
    assert _doses_today(session.get(f"{writer}/", timeout=30).text) == 1
