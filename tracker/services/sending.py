"""The one list of what goes out on a schedule: the queue's periodic task and the cron fallback
(`manage.py send_reminders`) both send through send_everything_due."""

import logging
from collections.abc import Callable
from datetime import datetime

from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Each sender takes `now`, claims what it sends atomically (so two runs at once send nothing
# twice) and returns how many it sent. Dotted paths, so adding one is one line here.
SENDERS = {
    "e-mail reminders": "tracker.services.reminders.send_due_reminders",
    "push notifications": "tracker.services.push.send_due_notifications",
}


def send_everything_due(now: datetime | None = None) -> dict[str, int]:
    """Run every sender once; return how many each sent. One failing sender never stops the
    others: it is logged, counted as 0, and the next run tries again."""
    now = now or timezone.now()
    sent = {}
    for label, path in SENDERS.items():
        send: Callable[[datetime], int] = import_string(path)
        try:
            sent[label] = send(now)
        except Exception:
            logger.exception("sending %s failed", label)
            sent[label] = 0
    return sent
