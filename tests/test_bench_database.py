"""The benchmark builds its data from nothing: a SQLite file an earlier run left is replaced,
and a file that may hold someone's data is never touched."""

import pytest

from bench.run import choose_database


def test_an_earlier_runs_sqlite_file_is_removed_with_its_journal(tmp_path, monkeypatch):
    kept = tmp_path / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"bench.sqlite3{suffix}").write_text("left by an earlier run")
    monkeypatch.setenv("BENCH_DATABASE_URL", f"sqlite:///{kept}")
    assert choose_database() == f"sqlite:///{kept}"
    assert list(tmp_path.iterdir()) == []


def test_the_file_is_found_behind_options_in_the_url(tmp_path, monkeypatch):
    (tmp_path / "bench.sqlite3").write_text("left by an earlier run")
    monkeypatch.setenv("BENCH_DATABASE_URL", f"sqlite:///{tmp_path}/bench.sqlite3?timeout=20")
    choose_database()
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_the_benchmarks_is_refused_and_kept(tmp_path, monkeypatch):
    theirs = tmp_path / "db.sqlite3"
    theirs.write_text("a patient's data")
    monkeypatch.setenv("BENCH_DATABASE_URL", f"sqlite:///{theirs}")
    with pytest.raises(SystemExit, match="not a benchmark file"):
        choose_database()
    assert theirs.read_text() == "a patient's data"


def test_a_new_file_of_any_name_is_accepted(tmp_path, monkeypatch):
    new = tmp_path / "numbers.sqlite3"
    monkeypatch.setenv("BENCH_DATABASE_URL", f"sqlite:///{new}")
    assert choose_database() == f"sqlite:///{new}"
