"""Which e-mail reminders fall due on a day: a taper step change, the caution day, the limit day."""

from dataclasses import dataclass
from datetime import date

from tracker.rules.course_day import course_day
from tracker.rules.findings import Limits
from tracker.rules.taper import Step

STEP_CHANGE, CAUTION_DAY, LIMIT_DAY = "step_change", "caution_day", "limit_day"


@dataclass(frozen=True)
class DueReminder:
    kind: str
    subject: str
    body: str


def reminders_due(
    *, drug_name: str, start: date, limits: Limits, steps: list[Step], today: date
) -> list[DueReminder]:
    """Return the reminders due today for one course."""
    day = course_day(start, today)
    due = []
    for step in steps:
        if step.start_date == today:
            due.append(
                DueReminder(
                    STEP_CHANGE,
                    f"{drug_name}: your taper step changes today",
                    f"From today: {step.describe()}. Follow your prescriber's plan; if withdrawal "
                    "symptoms are hard to bear, contact them.",
                )
            )
    if limits.caution_day is not None and day == limits.caution_day:
        due.append(
            DueReminder(
                CAUTION_DAY,
                f"{drug_name}: day {day}, the course limit is approaching",
                f"Day {day} of your course. The {limits.limit_day}-day mark is on day "
                f"{limits.limit_day}: talk to your prescriber about the end of the course or a "
                "taper.",
            )
        )
    if limits.limit_day is not None and day == limits.limit_day:
        due.append(
            DueReminder(
                LIMIT_DAY,
                f"{drug_name}: day {day}, the course limit is reached",
                f"Day {day} of your course. Talk to your prescriber about ending the course or a "
                "taper.",
            )
        )
    elif limits.limit_day is not None and day > limits.limit_day:
        # Every day past the limit until the course is ended: silence would read as all clear.
        due.append(_past_the_limit(drug_name, day, limits))
    return due


def _past_the_limit(drug_name: str, day: int, limits: Limits) -> DueReminder:
    """Return the day's reminder past the usual limit: the longest course's last day and the
    days beyond it say so, as the dashboard does (tracker/rules/course_day.py)."""
    hard = limits.hard_limit_day
    stop_safely = "Talk to your prescriber about stopping safely; do not stop suddenly on your own."
    if hard is not None and day == hard:
        return DueReminder(
            LIMIT_DAY,
            f"{drug_name}: day {day}, the last day of the longest course",
            f"Day {day} of your course: the longest course is {hard} days. Talk to your "
            "prescriber today about ending the course or a taper; do not stop suddenly on "
            "your own.",
        )
    if hard is not None and day > hard:
        return DueReminder(
            LIMIT_DAY,
            f"{drug_name}: day {day}, beyond the {hard}-day limit",
            " ".join(
                part
                for part in (
                    f"Day {day} of your course: beyond the {hard}-day limit.",
                    limits.limit_reason,
                    stop_safely,
                )
                if part
            ),
        )
    return DueReminder(
        LIMIT_DAY,
        f"{drug_name}: day {day}, past the usual limit",
        f"Day {day} of your course: you are past the usual limit of {limits.limit_day} days. "
        f"{stop_safely}",
    )
