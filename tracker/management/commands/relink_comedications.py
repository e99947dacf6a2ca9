from django.core.management import BaseCommand

from tracker.services.linking import comedications_relink


class Command(BaseCommand):
    help = (
        "Look up again every co-medication name that could not be checked, against the reference "
        "data as it is now (after an upgrade brought new names). Safe to run at any time."
    )

    def handle(self, *args, **options):
        linked = comedications_relink()
        self.stdout.write(f"{linked} co-medication name(s) now checked.")
