"""Send the day's e-mail reminders once each, however many copies of the job run."""

import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from tracker.facts import limits_for, taper_steps
from tracker.models import Course, Profile, ReminderSent
from tracker.rules.reminders import DueReminder, reminders_due

logger = logging.getLogger(__name__)

FOOTER = (
    "\n\nThis app informs; it does not replace your prescriber.\n"
    "You get these e-mails because you turned reminders on in Settings."
)


def claim(course: Course, kind: str, for_date, now: datetime) -> ReminderSent | None:
    """Return the claimed reminder row, or None when another run has already claimed it."""
    try:
        with transaction.atomic():
            row, _ = ReminderSent.objects.get_or_create(course=course, kind=kind, for_date=for_date)
    except IntegrityError:  # another run created it between our read and write
        row = ReminderSent.objects.get(course=course, kind=kind, for_date=for_date)
    won = ReminderSent.objects.filter(pk=row.pk, sent_at__isnull=True).update(sent_at=now) == 1
    return row if won else None


def send_one(course: Course, reminder: DueReminder, for_date, now: datetime) -> bool:
    """Claim and send one reminder; release the claim if sending fails so a later run retries."""
    row = claim(course, reminder.kind, for_date, now)
    if row is None:
        return False
    try:
        send_mail(reminder.subject, reminder.body + FOOTER, None, [course.owner.email])
    except Exception:
        ReminderSent.objects.filter(pk=row.pk).update(sent_at=None)
        logger.exception("reminder not sent", extra={"reminder": row.pk})
        return False
    return True


def send_due_reminders(now: datetime | None = None) -> int:
    """Send every reminder due today (in each user's zone, from REMINDER_HOUR there) to users
    who opted in; return how many were sent."""
    now = now or timezone.now()
    profiles = Profile.objects.filter(email_reminders=True).exclude(user__email="")
    zones = dict(profiles.values_list("user_id", "time_zone"))
    courses = (
        Course.objects.filter(status="active", owner_id__in=list(zones))
        .select_related("drug", "drug__limits_source", "owner", "taper_plan")
        .prefetch_related("taper_plan__steps")
    )
    # The queue runs this every minute: pass over what is already sent without a write (a claim
    # takes the database's write lock). Each user's "today" is within a day of UTC's.
    utc_today = now.astimezone(UTC).date()
    already_sent = set(
        ReminderSent.objects.filter(
            course__in=courses,
            for_date__range=(utc_today - timedelta(days=1), utc_today + timedelta(days=1)),
            sent_at__isnull=False,
        ).values_list("course_id", "kind", "for_date")
    )
    sent = 0
    for course in courses:
        local = timezone.localtime(now, timezone=ZoneInfo(zones[course.owner_id]))
        if local.hour < settings.REMINDER_HOUR:
            continue  # too early there: a later run today sends it
        today = local.date()
        due = reminders_due(
            drug_name=course.drug.generic_name.capitalize(),
            start=course.start_date,
            limits=limits_for(course.drug),
            steps=taper_steps(course),
            today=today,
        )
        due = [r for r in due if (course.pk, r.kind, today) not in already_sent]
        sent += sum(send_one(course, reminder, today, now) for reminder in due)
    return sent
