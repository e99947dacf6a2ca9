from django.core.management import BaseCommand

from tracker.services.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "E-mail today's reminders (taper step changes, course caution and limit days) to users "
        "who opted in. Meant for cron every morning; safe to run twice or in parallel: each "
        "reminder is claimed atomically and sent once."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"Sent {sent} reminder(s).")
