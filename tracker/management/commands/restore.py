import sqlite3
from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.db import connection, connections

from tracker.management.commands.backup import pg_connection_args, run_pg_tool

PG_DUMP_HEADER = b"-- PostgreSQL database dump"


class Command(BaseCommand):
    help = (
        "Replace the whole database with a file written by `manage.py backup`: an SQLite copy, or "
        "a pg_dump script on PostgreSQL. Stop the app first; every current row is replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backup written by `manage.py backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the database."
        )

    def handle(self, *args, file, yes=False, **options):
        source = Path(file)
        if not source.is_file():
            raise CommandError(f"No backup file at {source}.")
        if not yes and input("Replace every row of the database with the backup? [y/N] ") != "y":
            raise CommandError("Nothing was restored.")
        db = connection.settings_dict
        vendor = connection.vendor
        connections.close_all()  # the restore must not race this process's own connection
        if vendor == "sqlite":
            self.sqlite_restore(source, Path(db["NAME"]))
        elif vendor == "postgresql":
            self.psql_restore(source, db)
        else:
            raise CommandError(f"No restore method for {vendor}.")
        self.stdout.write(f"Restored {source}.")

    @staticmethod
    def sqlite_restore(source: Path, target: Path) -> None:
        """Copy the backup over the live file with the online backup API (locks, then copies)."""
        try:
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            if src.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise CommandError(f"{source} is not an intact SQLite backup.")
        except sqlite3.DatabaseError as exc:
            raise CommandError(f"{source} is not an SQLite backup ({exc}).") from exc
        dst = sqlite3.connect(target, timeout=30)
        try:
            with dst:
                src.backup(dst)
        finally:
            dst.close()
            src.close()

    @staticmethod
    def psql_restore(source: Path, db: dict) -> None:
        with source.open("rb") as head:
            if PG_DUMP_HEADER not in head.read(4096):
                raise CommandError(f"{source} is not a pg_dump script written by `backup`.")
        command = ["psql", "--quiet", "--single-transaction", "--set", "ON_ERROR_STOP=1"]
        command += ["--file", str(source), "--dbname", db["NAME"], *pg_connection_args(db)]
        run_pg_tool(command, db)
