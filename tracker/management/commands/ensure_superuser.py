import os

from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = (
        "Create the admin account named by DJANGO_SUPERUSER_USERNAME and "
        "DJANGO_SUPERUSER_PASSWORD when both are set and the account does not exist yet."
    )

    def handle(self, *args, **options):
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME")
        if not username or not os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
            return
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Admin account {username!r} already exists; left as it is.")
            return
        os.environ.setdefault("DJANGO_SUPERUSER_EMAIL", "")
        call_command("createsuperuser", interactive=False, verbosity=0)
        self.stdout.write(f"Created admin account {username!r}.")
