"""Tasks for the Huey queue (settings.HUEY), run by `manage.py run_huey`."""

from datetime import timedelta

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

from tracker.services.sending import send_everything_due
from tracker.task_lock import ExpiringLock

# Far longer than a run takes; after it, a lock left by a killed consumer is taken over.
LOCK_EXPIRES = timedelta(minutes=10)


# Every consumer's scheduler enqueues this each minute, so with two consumers it is queued twice:
# the lock skips a copy while another runs, and the atomic claims keep sending correct anyway
# (the lock saves work; it is not what stops a reminder going out twice). A copy left waiting
# behind a busy queue is dropped after two minutes: a fresh one is queued every minute.
@db_periodic_task(crontab(minute="*"), expires=timedelta(minutes=2))
def send_reminders_every_minute() -> dict[str, int]:
    """Return how many of each kind were sent (tracker/services/sending.py lists the kinds)."""
    with ExpiringLock(HUEY, "send-everything-due", LOCK_EXPIRES):
        return send_everything_due()
