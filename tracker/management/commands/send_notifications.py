from django.core.management import BaseCommand

from tracker.services.push import send_due_notifications


class Command(BaseCommand):
    help = (
        "Send the push notifications due now (dose times, missed doses, taper step changes, "
        "course limit days, low supply, course end) to subscribed devices. Meant to run every "
        "minute (the task queue's periodic task calls the same function); safe to run twice or "
        "in parallel: each notification is claimed atomically and sent once."
    )

    def handle(self, *args, **options):
        sent = send_due_notifications()
        self.stdout.write(f"Sent {sent} notification(s).")
