from pathlib import Path

from django.core.management import BaseCommand, CommandError

from drugs.importer import BATCH_SIZE, run_import


class Command(BaseCommand):
    help = (
        "Import drugs, aliases, classes and interaction rules from a CSV file of any size (format "
        "in drugs/importer.py and the README). Every row is checked first: any bad row rejects "
        "the file and nothing is written. Then rows are written in batches, each in its own "
        "transaction, while the app keeps serving; if a run stops midway, run it again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help="Rows per transaction."
        )

    def handle(self, *args, file: Path, batch_size: int, verbosity: int = 1, **options):
        self.verbosity = verbosity
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            handle = file.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        with handle:
            report = run_import(handle, batch_size=batch_size, after_batch=self.progress)
        for line, why in report.errors:
            self.stderr.write(f"line {line}: {why}")
        if report.error_count:
            if report.error_count > len(report.errors):
                self.stderr.write(f"… and {report.error_count - len(report.errors)} more.")
            raise CommandError(f"Nothing imported: {report.error_count} bad row(s).")
        if report.stopped:
            raise CommandError(
                f"Stopped after {report.batches} batch(es): {report.stopped}. "
                "Run the same file again to complete the import."
            )
        self.stdout.write(f"Imported. Created: {report.created}. Updated: {report.updated}.")

    def progress(self, batch: int, last_line: int) -> None:
        if self.verbosity >= 2:
            self.stdout.write(f"batch {batch} written (up to line {last_line})")
