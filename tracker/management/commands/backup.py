import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


def private_file(target: Path) -> None:
    """Create the backup file empty and owner-only before anything is written: it holds
    health data, and a umask of 022 would otherwise leave it readable by every local user."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    os.chmod(target, 0o600)  # O_CREAT's mode is masked by the umask; chmod is not


def pg_connection_args(db: dict) -> list[str]:
    """Return the host, port and user flags shared by pg_dump and psql."""
    args = []
    for flag, key in [("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")]:
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def run_pg_tool(command: list[str], db: dict) -> None:
    name = command[0]
    if shutil.which(name) is None:
        raise CommandError(f"{name} is not installed (apt-get install postgresql-client).")
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise CommandError(f"{name} failed: {result.stderr.strip()[:500]}")


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database while the app keeps serving. SQLite: the "
        "online backup API; PostgreSQL: pg_dump. Default folder: backups/. The file is readable "
        "by its owner only; `manage.py restore FILE` brings it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="File to write (default: backups/<timestamp>).")

    def handle(self, *args, output=None, **options):
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        db = settings.DATABASES["default"]
        if connection.vendor == "sqlite":
            target = Path(output or settings.BASE_DIR / "backups" / f"db-{stamp}.sqlite3")
            private_file(target)
            self.sqlite_backup(Path(connection.settings_dict["NAME"]), target)
        elif connection.vendor == "postgresql":
            target = Path(output or settings.BASE_DIR / "backups" / f"db-{stamp}.sql")
            private_file(target)
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
        # --clean --if-exists: the dump drops what it recreates, so `restore` works on a fresh
        # install whether or not it was migrated first.
        command = ["pg_dump", "--no-owner", "--clean", "--if-exists", "--file", str(target)]
        run_pg_tool([*command, "--dbname", db["NAME"], *pg_connection_args(db)], db)
