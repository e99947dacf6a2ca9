import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database while the app keeps serving. SQLite: the "
        "online backup API; PostgreSQL: pg_dump. Default folder: backups/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="File to write (default: backups/<timestamp>).")

    def handle(self, *args, output=None, **options):
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        db = settings.DATABASES["default"]
        if connection.vendor == "sqlite":
            target = Path(output or settings.BASE_DIR / "backups" / f"db-{stamp}.sqlite3")
            target.parent.mkdir(parents=True, exist_ok=True)
            self.sqlite_backup(Path(connection.settings_dict["NAME"]), target)
        elif connection.vendor == "postgresql":
            target = Path(output or settings.BASE_DIR / "backups" / f"db-{stamp}.sql")
            target.parent.mkdir(parents=True, exist_ok=True)
            self.pg_dump(db, target)
        else:
            raise CommandError(f"No backup method for {connection.vendor}.")
        self.stdout.write(f"Backup written to {target}")

    @staticmethod
    def sqlite_backup(source: Path, target: Path) -> None:
        """Copy page by page with SQLite's online backup API: writers keep going meanwhile."""
        src = sqlite3.connect(source, timeout=30)
        dst = sqlite3.connect(target)
        try:
            with dst:
                src.backup(dst, pages=256)
        finally:
            dst.close()
            src.close()

    @staticmethod
    def pg_dump(db: dict, target: Path) -> None:
        if shutil.which("pg_dump") is None:
            raise CommandError("pg_dump is not installed (apt-get install postgresql-client).")
        command = ["pg_dump", "--no-owner", "--file", str(target), "--dbname", db["NAME"]]
        for flag, key in [("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")]:
            if db.get(key):
                command += [flag, str(db[key])]
        env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()[:500]}")
