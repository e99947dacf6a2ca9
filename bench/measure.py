"""Measurements: in-process server time and queries, throughput under wrk, the write path."""

import os
import re
import socket
import statistics
import subprocess
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookiejar import CookieJar
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.data import BENCH_ZONE
from drugs.reference_memo import forget_kept
from tracker.models import Course, Dose


@dataclass
class PageTiming:
    median_ms: float
    p95_ms: float
    queries: int  # with nothing cached
    second_queries: int  # the request after, when the page cache can answer


def clear_caches() -> None:
    """Empty the cache and the reference pages kept in this process: nothing cached."""
    cache.clear()
    forget_kept()


def _count_queries(client: Client, url: str) -> int:
    connection.queries_log.clear()  # the log is a bounded deque: a full one would count nothing
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # Read now: the next request's reset_queries signal empties the log the capture points into.
    return len(captured.captured_queries)


def time_page(client: Client, url: str, requests: int, *, before_each=None) -> PageTiming:
    """Return the median and 95th percentile of server time, and the query counts of a request
    with an empty cache and of the one after. `before_each` runs, untimed, before each request."""
    clear_caches()
    queries = _count_queries(client, url)
    second_queries = _count_queries(client, url)
    samples = []
    for _ in range(requests):
        if before_each:
            before_each()
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]
    return PageTiming(statistics.median(samples), p95, queries, second_queries)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn with production settings on loopback, for the duration of a with-block."""

    def __init__(self, env: dict, workers: int = 2):
        self.port = free_port()
        self.env = env
        self.workers = workers

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                os.path.join(os.path.dirname(os.sys.executable), "gunicorn"),
                "config.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def check_page(url: str, session: str, expect: str) -> None:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
    with urllib.request.urlopen(request, timeout=20) as response:
        body = response.read().decode()
    assert expect in body, f"{url} did not show {expect!r}: is the session valid?"


def wrk_rps(url: str, session: str, seconds: int, connections: int = 8) -> float:
    """Return requests per second from wrk, refusing a run with errors or non-2xx answers."""
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            # wrk's own 2 s would count a slow answer on a loaded machine as a socket error.
            "--timeout",
            "30s",
            "-H",
            f"Cookie: sessionid={session}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(f"wrk saw errors:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def write_path(
    server: Gunicorn, sessions: list[tuple[str, int]], seconds: int
) -> tuple[float, int, int]:
    """Log doses through the form view, one wrk connection per patient (bench/log_dose.lua: a
    fresh one-click token each, at a time drawn from the course so far); return (doses per
    second, logged, errors). wrk, as for the floor: clients in Python took a share of the two
    cores from the server they measured. Errors: any answer but the redirect of a logged dose,
    and any 302 without its dose in the database."""
    # The form reads the time in the patient's zone, and the script writes it as UTC's wall
    # clock: the bounds are the zone's wall clock read as UTC.
    now = int(datetime.now(ZoneInfo(BENCH_ZONE)).replace(tzinfo=UTC).timestamp())
    args = []
    for session, course_id in sessions:
        form_path = f"/courses/{course_id}/doses/new/"
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        request = urllib.request.Request(
            server.url(form_path), headers={"Cookie": f"sessionid={session}"}
        )
        page = opener.open(request).read().decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        cookie = next(c.value for c in jar if c.name == "csrftoken")
        start = Course.objects.values_list("start_date", flat=True).get(pk=course_id)
        first = int(datetime.combine(start, datetime.min.time(), UTC).timestamp()) + 60
        args.append(f"{session}|{cookie}|{csrf}|{form_path}|{first}|{now - 60}")
    courses = [course_id for _, course_id in sessions]
    before = Dose.objects.filter(course_id__in=courses).count()
    out = subprocess.run(
        [
            "wrk",
            f"-t{len(sessions)}",
            f"-c{len(sessions)}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(Path(__file__).with_name("log_dose.lua")),
            server.url("/"),
            "--",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    logged = Dose.objects.filter(course_id__in=courses).count() - before
    answered = int(re.search(r"(\d+) requests in", out).group(1))
    refused = int(re.search(r"NOT_LOGGED (\d+)", out).group(1))
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    # wrk stops with requests in flight: the server may log a dose whose answer wrk never
    # counted, so more doses than answers is fine; fewer would be a dose lost.
    lost = max(0, answered - refused - logged)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)) * (
        (answered - refused) / answered if answered else 0
    )
    return rate, answered - refused, refused + socket_errors + lost
