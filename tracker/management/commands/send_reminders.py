from django.core.management import BaseCommand

from tracker.services.sending import send_everything_due


class Command(BaseCommand):
    help = (
        "Send what is due now: e-mail reminders (taper step changes, course caution and limit "
        "days) to users who opted in, from REMINDER_HOUR in their time zone. The task queue "
        "(manage.py run_huey) does this every minute; this command is the manual or cron "
        "fallback. Safe to run twice or in parallel: each reminder is claimed atomically and "
        "sent once."
    )

    def handle(self, *args, **options):
        sent = send_everything_due()
        for label, count in sent.items():
            self.stdout.write(f"Sent {count} {label}.")
