"""A task lock that expires. Huey's lock_task cannot expire on SQLite, nor on Redis before 7.4:
a consumer killed while holding it would leave every later run skipped, and reminders would
stop without a word."""

import logging
import time
from datetime import timedelta

from huey import Huey
from huey.exceptions import TaskLockedException

logger = logging.getLogger("huey")


class ExpiringLock:
    """Hold `name` while the block runs; raise TaskLockedException (huey then logs the task as
    not run) when another holder took it less than `ttl` ago. An older lock is taken over: its
    holder died. Two takers may both win a takeover; callers must stay correct when two runs
    overlap (the reminders' atomic claims do)."""

    def __init__(self, huey: Huey, name: str, ttl: timedelta):
        self.huey, self.name, self.ttl = huey, name, ttl.total_seconds()
        self.key = f"{huey.name}.lock.{name}"
        self.taken_at: float | None = None

    def __enter__(self):
        now = time.time()
        if self.huey.put_if_empty(self.key, now):
            self.taken_at = now
            return self
        taken_at = self.huey.get(self.key, peek=True)
        if isinstance(taken_at, float) and now - taken_at >= self.ttl:
            age = now - taken_at
            logger.warning("lock %s taken %.0f s ago: taking it over", self.name, age)
            self.huey.delete(self.key)
            if self.huey.put_if_empty(self.key, now):
                self.taken_at = now
                return self
        raise TaskLockedException(f"unable to acquire lock {self.name}")

    def __exit__(self, *exc):
        if self.huey.get(self.key, peek=True) == self.taken_at:  # not if another took it over
            self.huey.delete(self.key)
