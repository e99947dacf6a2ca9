"""Which push notifications fall due at a moment, for one course: plain values in, plain out.

A notification is due from its moment until its window closes; the job that sends them runs
every minute and claims each (kind, day, slot) once, so "due" here may be true for many runs in
a row. Quiet hours hold everything back; what is still inside its window when they end goes out
then. Day-level clinical texts (taper step, caution and limit days) come from
`tracker.rules.reminders`, which takes them from the drug's reference limits.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from tracker.rules.findings import Limits
from tracker.rules.reminders import reminders_due
from tracker.rules.taper import Step

DOSE_DUE, DOSE_MISSED = "dose_due", "dose_missed"
SUPPLY_LOW, COURSE_END = "supply_low", "course_end"
# A dose logged this long before its time counts for it (taken a little early).
EARLY_DOSE = timedelta(hours=1)
# How long after its moment a notification is still worth sending (after quiet hours, say).
MISSED_WINDOW = timedelta(hours=2)
SNOOZE_WINDOW = timedelta(hours=1)
SNOOZE = timedelta(minutes=15)
# Day-level notifications go out with the first dose time, or at this hour without one.
DAY_NOTICE_AT = time(9, 0)
SUPPLY_LOW_DAYS = 2
PRESCRIBER = "This app informs; your prescriber decides."


@dataclass(frozen=True)
class Preferences:
    dose_times: tuple[time, ...] = ()
    quiet_start: time | None = None
    quiet_end: time | None = None
    missed_after: timedelta = timedelta(minutes=60)


@dataclass(frozen=True)
class CoursePlan:
    """One active course, as the notifications need it."""

    drug_name: str
    start: date
    limits: Limits
    steps: tuple[Step, ...] = ()
    intakes_today: int = 1  # the taper step's on a taper day (0 on a day off)
    scheduled: bool = True  # False for an "as needed" course: no dose-due or missed notices
    last_dose_at: datetime | None = None
    runs_out_on: date | None = None  # the last day the dispensed tablets cover
    planned_end: date | None = None  # the last day of the planned length


@dataclass(frozen=True)
class Snooze:
    slot: str  # the dose time snoozed, "08:00"
    until: datetime
    # The scheduled dose itself: a snooze may run past midnight, so the slot's day is not
    # the reminder's day.
    dose_at: datetime


@dataclass(frozen=True)
class DueNotification:
    kind: str
    slot: str  # "" for day-level notices; the dose time (and snooze) for dose notices
    title: str
    body: str
    dose_at: datetime | None = None  # the scheduled dose a Taken/Snooze action is about

    @property
    def has_actions(self) -> bool:
        return self.dose_at is not None


def in_quiet_hours(moment: time, start: time | None, end: time | None) -> bool:
    """Return whether a local time falls in quiet hours (which may run past midnight)."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def dose_slots(prefs: Preferences, intakes_today: int) -> tuple[time, ...]:
    """Return today's dose times: the first as many of the usual times as intakes today."""
    return tuple(sorted(prefs.dose_times))[: max(intakes_today, 0)]


def notifications_due(
    *, plan: CoursePlan, prefs: Preferences, snoozes: Sequence[Snooze], now: datetime, zone: tzinfo
) -> list[DueNotification]:
    """Return the notifications due for the course at `now`, none in quiet hours."""
    local = now.astimezone(zone)
    if in_quiet_hours(local.time(), prefs.quiet_start, prefs.quiet_end):
        return []
    today = local.date()
    due = []
    if plan.scheduled:
        due += _dose_notices(plan, prefs, snoozes, local, zone)
    notice_at = datetime.combine(today, min(prefs.dose_times, default=DAY_NOTICE_AT), zone)
    if local >= notice_at:
        due += _day_notices(plan, today)
    return due


def _covered(slot_at: datetime, last_dose_at: datetime | None) -> bool:
    return last_dose_at is not None and last_dose_at >= slot_at - EARLY_DOSE


def _dose_notices(plan, prefs, snoozes, local: datetime, zone) -> list[DueNotification]:
    due = []
    name = plan.drug_name
    # Before the first dose nothing is "missed" (a course entered at 09:30 with an 08:00 dose
    # time has not skipped it), as the dashboard shows.
    missed_ok = plan.last_dose_at is not None
    for slot in dose_slots(prefs, plan.intakes_today):
        slot_at = datetime.combine(local.date(), slot, zone)
        label = f"{slot:%H:%M}"
        if _covered(slot_at, plan.last_dose_at):
            continue
        missed_at = slot_at + prefs.missed_after
        if slot_at <= local < missed_at:
            due.append(
                DueNotification(
                    DOSE_DUE,
                    label,
                    f"{name}: your {label} dose",
                    f"Your {label} dose is due. Tap Taken when you take it; the app checks it "
                    f"against your limits first. {PRESCRIBER}",
                    slot_at,
                )
            )
        elif missed_ok and missed_at <= local < missed_at + MISSED_WINDOW:
            due.append(
                DueNotification(
                    DOSE_MISSED,
                    label,
                    f"{name}: {label} dose not logged",
                    # Taken logs the dose at the moment it is tapped, so it is offered only
                    # for taking it now; an earlier intake is logged in the app with its time.
                    f"No dose is logged for {label}. If you take it now, tap Taken. If you took "
                    f"it earlier, open the app to log the time you took it. If you missed it, "
                    f"open the app for what to do: do not double up on your own. {PRESCRIBER}",
                    slot_at,
                )
            )
    for snooze in snoozes:
        slot_at = snooze.dose_at
        if _covered(slot_at, plan.last_dose_at):
            continue
        if snooze.until <= local < snooze.until + SNOOZE_WINDOW:
            due.append(
                DueNotification(
                    DOSE_DUE,
                    f"{snooze.slot} snoozed to {snooze.until.astimezone(zone):%H:%M}",
                    f"{name}: your {snooze.slot} dose (snoozed)",
                    f"Reminder: your {snooze.slot} dose. Tap Taken when you take it; the app "
                    f"checks it against your limits first. {PRESCRIBER}",
                    slot_at,
                )
            )
    return due


def _day_notices(plan: CoursePlan, today: date) -> list[DueNotification]:
    name = plan.drug_name
    due = [
        DueNotification(r.kind, "", r.subject, f"{r.body} {PRESCRIBER}")
        for r in reminders_due(
            drug_name=name,
            start=plan.start,
            limits=plan.limits,
            steps=list(plan.steps),
            today=today,
        )
    ]
    if plan.runs_out_on is not None and (plan.runs_out_on - today).days + 1 == SUPPLY_LOW_DAYS:
        due.append(
            DueNotification(
                SUPPLY_LOW,
                "",
                f"{name}: two days of tablets left",
                f"At the prescribed rate your tablets last until {plan.runs_out_on:%a %d %b}. "
                f"If your prescriber means you to go on, ask them or your pharmacist in time. "
                f"{PRESCRIBER}",
            )
        )
    if plan.planned_end == today:
        due.append(
            DueNotification(
                COURSE_END,
                "",
                f"{name}: last day of your planned course",
                "Today is the last day of the length your prescriber planned. Do not stop "
                f"suddenly on your own if you were told to taper: ask them. {PRESCRIBER}",
            )
        )
    return due
