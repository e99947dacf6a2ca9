from pathlib import Path

from django.core.management import BaseCommand, CommandError

from drugs.importer import run_import


class Command(BaseCommand):
    help = (
        "Import drugs, aliases, classes and interaction rules from a CSV file (format in "
        "drugs/importer.py and the README). All or nothing: any bad row rejects the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        report = run_import(text)
        if not report.ok:
            for line, why in report.errors:
                self.stderr.write(f"line {line}: {why}")
            raise CommandError(f"Nothing imported: {len(report.errors)} bad row(s).")
        self.stdout.write(f"Imported. Created: {report.created}. Updated: {report.updated}.")
