"""Two app servers on one PostgreSQL and one Redis: `make bench-cluster`.

Logs doses through server A and reads the dashboard through server B, alternating, and counts
every read that does not show the dose just logged (a stale page). Then compares the cached
dashboard's throughput on one server and on both at once, each against /ping/ (the framework
floor) in the same run. Writes docs/performance-cluster.md. Needs PostgreSQL at 127.0.0.1:5432
and Redis at 127.0.0.1:6379; fails if either is missing.
"""

import os
import random
import re
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_CLUSTER_ROUNDS", "500"))  # one write + one read each
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")


def fresh_database() -> str:
    import psycopg

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=3
    ) as conn:
        conn.execute("DROP DATABASE IF EXISTS tracker_cluster WITH (FORCE)")
        conn.execute("CREATE DATABASE tracker_cluster")
    return "postgres://postgres@127.0.0.1:5432/tracker_cluster"


def _doses_today(html: str) -> int:
    match = re.search(r'class="today-summary">(\d+) of', html)
    if match is None:
        raise RuntimeError("the dashboard shows no dose count: is the session valid?")
    return int(match.group(1))


def alternate(writer, reader, session: str, course_id: int, rounds: int) -> dict:
    """Log a dose through `writer`, then read the dashboard through `reader`, `rounds` times."""
    import requests

    client = requests.Session()
    client.cookies.set("sessionid", session)
    client.get(writer.url("/"), timeout=30)  # sets the CSRF cookie
    stale = errors = 0
    expected = _doses_today(client.get(reader.url("/"), timeout=30).text)
    for _ in range(rounds):
        response = client.post(
            writer.url("/doses/log/"),
            data={
                "course": course_id,
                "token": str(uuid.uuid4()),
                "confirmed": "1",
                "csrfmiddlewaretoken": client.cookies["csrftoken"],
            },
            headers={"Referer": writer.url("/")},
            allow_redirects=False,
            timeout=30,
        )
        if response.status_code != 302:
            print("write refused:", response.status_code, response.text[:300], file=sys.stderr)
            errors += 1
            continue
        expected += 1
        stale += _doses_today(client.get(reader.url("/"), timeout=30).text) != expected
    return {"requests": rounds * 2, "stale": stale, "errors": errors}


def parallel_rps(servers, session: str, seconds: int, path: str = "/") -> float:
    """Return the summed requests per second of wrk runs against each server at once."""
    from bench.measure import wrk_rps

    rates = [0.0] * len(servers)

    def load(index, server):
        rates[index] = wrk_rps(server.url(path), session, seconds)

    threads = [threading.Thread(target=load, args=pair) for pair in enumerate(servers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(rates)


def run(env: dict) -> dict:
    import redis
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from bench import data
    from bench.measure import Gunicorn
    from drugs.models import Drug
    from tracker.models import Course

    redis.Redis.from_url(REDIS_URL).flushdb()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    people = data.users(20)
    data.everyday_users(people, Drug.objects.get(slug="carisoprodol"), timezone.now())
    writer_user, reader_user = people[0], people[1]
    sessions = {}
    for user in (writer_user, reader_user):
        client = Client()
        client.force_login(user)
        sessions[user.pk] = client.cookies["sessionid"].value
    course_id = Course.objects.get(owner=writer_user).pk
    with Gunicorn(env) as a, Gunicorn(env) as b:
        coherence = alternate(a, b, sessions[writer_user.pk], course_id, ROUNDS)
        session = sessions[reader_user.pk]
        one = {"floor": parallel_rps([a], session, WRK_SECONDS, "/ping/")}
        one["dashboard"] = parallel_rps([a], session, WRK_SECONDS)
        two = {"floor": parallel_rps([a, b], session, WRK_SECONDS, "/ping/")}
        two["dashboard"] = parallel_rps([a, b], session, WRK_SECONDS)
    return {"coherence": coherence, "one": one, "two": two}


def write_report(results: dict, path: Path) -> None:
    from bench.report import _machine

    coherence, one, two = results["coherence"], results["one"], results["two"]
    coherent = coherence["stale"] == 0 and coherence["errors"] == 0
    lines = [
        "# Two app servers: coherence and throughput",
        "",
        f"Latest `make bench-cluster` run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, on "
        f"{_machine()}. Two gunicorn servers (2 workers each) on one PostgreSQL and one Redis "
        "(Django's Redis cache backend, `REDIS_URL`), all on this machine.",
        "",
        "## Coherence",
        f"- {coherence['requests']:,} alternating requests: a dose logged through server A, then "
        "the dashboard read through server B, which must show it.",
        f"- Stale reads: **{coherence['stale']}**; failed writes: {coherence['errors']}. "
        f"Verdict: **{'PASS' if coherent else 'FAIL'}**",
        "",
        "## Throughput of the cached dashboard (wrk, 8 connections per server)",
        "| | one server | two servers |",
        "|---|---|---|",
        f"| floor (/ping/) | {one['floor']:.0f}/s | {two['floor']:.0f}/s |",
        f"| dashboard | {one['dashboard']:.0f}/s | {two['dashboard']:.0f}/s |",
        f"| dashboard as a share of the floor | {one['dashboard'] / one['floor']:.0%} | "
        f"{two['dashboard'] / two['floor']:.0%} |",
        f"| two servers against one | | {two['dashboard'] / one['dashboard']:.2f}× |",
        "",
        f"The load generator runs on the same {os.cpu_count()} cores as both servers and the "
        "databases, so a second server adds processes, not CPU: the ratio shows what sharing "
        "the cache costs, not how a second machine would scale.",
    ]
    path.write_text("\n".join(lines) + "\n")


def main() -> int:
    from bench.run import production_env

    env = production_env(fresh_database())
    # Plain HTTP on loopback: cookies without the Secure flag, as `make run` serves.
    env.update(HTTPS="0", REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=f"cluster-{uuid.uuid4().hex[:6]}")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    started = time.time()
    results = run(env)
    path = ROOT / "docs" / "performance-cluster.md"
    write_report(results, path)
    print(path.read_text())
    print(f"({time.time() - started:.0f} s)")
    return 0 if results["coherence"]["stale"] == 0 and results["coherence"]["errors"] == 0 else 1


if __name__ == "__main__":
    random.seed(42)
    sys.exit(main())
