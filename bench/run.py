"""Run the benchmark: `make bench` (or `python -m bench.run`). Not part of `make test`."""

import os
import random
import sys
import time
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))


def choose_database() -> str:
    """PostgreSQL on this machine if it answers (a fresh tracker_bench database), else SQLite."""
    if os.environ.get("BENCH_DATABASE_URL"):
        url = os.environ["BENCH_DATABASE_URL"]
        if url.startswith("sqlite:"):  # the file as Django will open it (options, escapes)
            _fresh_sqlite(Path(dj_database_url.parse(url)["NAME"]))
        return url
    try:
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=3
        ) as conn:
            conn.execute("DROP DATABASE IF EXISTS tracker_bench WITH (FORCE)")
            conn.execute("CREATE DATABASE tracker_bench")
        return "postgres://postgres@127.0.0.1:5432/tracker_bench"
    except Exception:  # noqa: BLE001 - no PostgreSQL here: SQLite it is
        path = ROOT / "bench.sqlite3"
        _fresh_sqlite(path)
        return f"sqlite:///{path}"


def _fresh_sqlite(path: Path) -> None:
    """Remove the benchmark's SQLite file left by an earlier run: the dataset is built from
    nothing. Only a file whose name starts with "bench": any other may hold someone's data."""
    if not path.name.startswith("bench"):
        if path.exists():
            raise SystemExit(
                f"{path} exists and is not a benchmark file: the benchmark builds its data "
                "from nothing. Give it a new file, such as sqlite:///bench.sqlite3."
            )
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def production_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "k3y!" * 16,
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "ERROR",
    }


def main() -> int:
    started = time.time()
    load_before = os.getloadavg()[0]  # other work on the machine makes every figure noisier
    env = production_env(choose_database())
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import logging

    logging.getLogger("security").setLevel(logging.WARNING)
    from bench import scenario

    results = scenario.run(env, requests=REQUESTS, wrk_seconds=WRK_SECONDS)
    results["elapsed_s"] = time.time() - started
    results["load_before"], results["load_after"] = load_before, os.getloadavg()[0]
    from bench.report import write_report

    path, all_pass = write_report(results, ROOT / "docs" / "performance.md")
    print(path.read_text())
    return 0 if all_pass else 1


if __name__ == "__main__":
    random.seed(42)
    sys.exit(main())
