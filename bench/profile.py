"""Where a page's time goes: `python -m bench.profile [PATH ...]` (or `make profile`).

Builds the benchmark's heavy dataset once in its own database (tracker_profile on the local
PostgreSQL, else profile.sqlite3) and keeps it, then renders each page for the heavy user with
production settings and the page cache off, and prints pyinstrument's call tree. Set
PROFILE_REBUILD=1 to build the dataset again.
"""

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ["/", "/doses/", "/comedications/", "summary", "/drugs/carisoprodol/"]


def choose_database() -> tuple[str, bool]:
    """Return the database URL and whether the dataset must be built."""
    rebuild = os.environ.get("PROFILE_REBUILD") == "1"
    try:
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=3
        ) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = 'tracker_profile'"
            ).fetchone()
            if rebuild or not exists:
                conn.execute("DROP DATABASE IF EXISTS tracker_profile WITH (FORCE)")
                conn.execute("CREATE DATABASE tracker_profile")
        return "postgres://postgres@127.0.0.1:5432/tracker_profile", rebuild or not exists
    except Exception:  # noqa: BLE001 - no PostgreSQL here: SQLite it is
        path = ROOT / "profile.sqlite3"
        if rebuild:
            path.unlink(missing_ok=True)
        return f"sqlite:///{path}", rebuild or not path.exists()


def build() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench import data
    from drugs.models import Drug

    call_command("migrate", verbosity=0)
    rng, now = random.Random(42), timezone.now()
    caris = Drug.objects.get(slug="carisoprodol")
    data.reference_data(rng)
    people = data.users(20)
    data.heavy_user(people[0], caris, rng, now)
    data.light_user(people[1], caris, now)
    data.everyday_users(people[3:], caris, now)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main(paths: list[str]) -> None:
    from bench.run import production_env

    url, must_build = choose_database()
    os.environ.update({**production_env(url), "DASHBOARD_CACHE": "0"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import logging

    logging.getLogger("security").setLevel(logging.WARNING)
    if must_build:
        build()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # production's manifest
    from django.contrib.auth import get_user_model
    from django.test import Client
    from pyinstrument import Profiler

    from bench.scenario import pages_for

    heavy = get_user_model().objects.order_by("pk").filter(username__startswith="bench").first()
    client = Client()
    client.force_login(heavy)
    summary = pages_for(heavy, ("course summary",)).get("course summary")
    repeat = int(os.environ.get("PROFILE_REPEAT", "30"))
    for path in paths or DEFAULT_PATHS:
        path = summary if path == "summary" else path
        client.get(path)  # warm: imports, templates, connections
        started = time.perf_counter()
        for _ in range(repeat):
            response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000 / repeat
        assert response.status_code == 200, (path, response.status_code)
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(repeat):
                client.get(path)
        print(f"\n===== {path}: {elapsed:.1f} ms a request without the profiler =====")
        flat = os.environ.get("PROFILE_FLAT")  # "self" or "total": functions by their own time
        text = profiler.output_text(
            unicode=True,
            show_all=os.environ.get("PROFILE_ALL") == "1",
            flat=bool(flat),
            flat_time=flat or "self",
        )
        print("\n".join(text.splitlines()[: int(os.environ.get("PROFILE_LINES", "80"))]))


if __name__ == "__main__":
    main(sys.argv[1:])
