"""Doses taken against doses planned, day by day, and whether a planned dose is missed now.

Only a scheduled course has a plan to keep to; an as-needed course has a ceiling instead
(tracker/rules/as_needed.py). A day counts once it is over: today's doses are shown beside
what is planned today ("2 of 4 planned today") but enter the total only tomorrow, because a
dose not taken yet today may still be on time. A dose missed today is the missed-dose check's
to say, at the moment it is late.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from tracker.rules.doses import local_day
from tracker.rules.findings import Finding, Level
from tracker.rules.taper import Step, step_on

# How late a dose may be logged after one of the usual dose times before it is called missed.
# An app choice for when to speak up, not a clinical limit: what to do comes from the data.
MISSED_GRACE = timedelta(hours=1)
# Without dose times: missed once the gap since the last dose is the prescribed interval
# (24 hours / intakes a day) and half of it again, so a night's sleep is not a missed dose.
MISSED_MARGIN = 0.5


def intakes_on(day: date, course_intakes: int, steps: Sequence[Step]) -> int:
    """Return the intakes planned on a day: the taper step's (none on a day off or after the
    last step), else the course's."""
    step = step_on(list(steps), day)
    return step.intakes_on(day) if step is not None else course_intakes


@dataclass(frozen=True)
class AdherenceDay:
    day: date
    course_day: int
    planned: int  # intakes planned that day: 0 on a day off
    taken: int
    over: bool  # the day has ended: it counts in the totals

    @property
    def as_planned(self) -> int:
        return min(self.taken, self.planned)

    @property
    def extra(self) -> int:
        """Return the doses taken beyond the day's plan (never offset against a missed one)."""
        return max(self.taken - self.planned, 0)

    @property
    def not_taken(self) -> int:
        return self.planned - self.as_planned if self.over else 0


@dataclass(frozen=True)
class Adherence:
    days: tuple[AdherenceDay, ...]

    @property
    def counted(self) -> tuple[AdherenceDay, ...]:
        return tuple(d for d in self.days if d.over)

    @property
    def planned(self) -> int:
        return sum(d.planned for d in self.counted)

    @property
    def as_planned(self) -> int:
        return sum(d.as_planned for d in self.counted)

    @property
    def not_taken(self) -> int:
        return sum(d.not_taken for d in self.counted)

    @property
    def extra(self) -> int:
        return sum(d.extra for d in self.counted)

    @property
    def percent(self) -> int | None:
        """Return the planned doses of the days counted that were taken, in per cent; None
        before a day with a planned dose has ended."""
        return round(100 * self.as_planned / self.planned) if self.planned else None

    @property
    def today(self) -> AdherenceDay | None:
        return next((d for d in self.days if not d.over), None)


def adherence(
    *,
    taken_at: Iterable[datetime],
    zone: tzinfo,
    start: date,
    last_day: date,
    today: date,
    course_intakes: int,
    steps: Sequence[Step] = (),
) -> Adherence:
    """Return one row per local day from start to last_day (today, or the end date of an ended
    course): intakes planned, doses taken, and whether the day is over. Doses outside those
    days are not counted."""
    counts = Counter(local_day(moment, zone) for moment in taken_at)
    days = []
    for index in range(max((last_day - start).days + 1, 0)):
        day = start + timedelta(days=index)
        days.append(
            AdherenceDay(
                day=day,
                course_day=index + 1,
                planned=intakes_on(day, course_intakes, steps),
                taken=counts.get(day, 0),
                over=day < today,
            )
        )
    return Adherence(tuple(days))


@dataclass(frozen=True)
class Advice:
    """One sentence of the reference data on missed doses, and the source it cites."""

    text: str
    source: str


@dataclass(frozen=True)
class TodayPlan:
    """What a scheduled course plans on one local day, for the missed-dose check."""

    day: date
    planned: int  # intakes planned that day: 0 on a day off
    dose_times: tuple[time, ...] = ()  # the patient's usual local dose times, if given
    taken: tuple[datetime, ...] = ()  # the doses logged that day
    last_taken_at: datetime | None = None  # the latest dose of the course, any day
    advice: tuple[Advice, ...] = ()


@dataclass(frozen=True)
class MissedDose:
    due_at: tuple[datetime, ...]  # the planned times not logged (one, when without dose times)
    next_due_at: datetime | None  # the next usual dose time today, when dose times are given
    by_dose_time: bool  # due at the patient's own dose times, or worked out from the interval


def _at(day: date, moment: time, zone: tzinfo) -> datetime:
    # A local wall time on the day; on the UTC clock for comparing across a DST change.
    return datetime.combine(day, moment, tzinfo=zone).astimezone(UTC)


def missed_dose(plan: TodayPlan, now: datetime) -> MissedDose | None:
    """Return the planned doses of today that are late at `now`, or None.

    With dose times, the first `planned` of them are today's; each is missed once the grace
    period after it has passed with fewer doses logged today than times passed. Without
    them, a dose is missed once the gap since the last dose passes the prescribed interval
    by the margin. Before the first dose of a course nothing is missed (the first-dose facts
    show instead), nor on a day off, nor once today's planned doses are all logged.
    """
    zone = now.tzinfo
    now = now.astimezone(UTC)
    if plan.planned <= 0 or len(plan.taken) >= plan.planned or plan.last_taken_at is None:
        return None
    if plan.dose_times:
        times = [_at(plan.day, t, zone) for t in sorted(plan.dose_times)[: plan.planned]]
        passed = [t for t in times if now >= t + MISSED_GRACE]
        if len(plan.taken) >= len(passed):
            return None
        upcoming = [t for t in times if t > now]
        return MissedDose(tuple(passed[len(plan.taken) :]), upcoming[0] if upcoming else None, True)
    interval = timedelta(hours=24) / plan.planned
    due = plan.last_taken_at.astimezone(UTC) + interval
    if now < due + interval * MISSED_MARGIN:
        return None
    return MissedDose((due,), None, False)


def missed_dose_finding(missed: MissedDose, advice: Sequence[Advice], zone: tzinfo) -> Finding:
    """Return the missed dose as a note carrying the reference data's advice in its own words
    (never an instruction to make it up), with the sources it cites."""
    times = ", ".join(f"{t.astimezone(zone):%H:%M}" for t in missed.due_at)
    if missed.by_dose_time:
        count = len(missed.due_at)
        what = f"{'A dose' if count == 1 else f'{count} doses'} due at {times} not logged yet."
    else:
        what = f"No dose logged since one was due, about {times}."
    if missed.next_due_at is not None:
        what += f" Your next usual dose time is {missed.next_due_at.astimezone(zone):%H:%M}."
    words = " ".join(a.text for a in advice)
    if not words:
        # No reference advice for this drug: say where to find it, and nothing clinical.
        words = "Check the leaflet or ask your pharmacist what to do about a missed dose."
    sources = ", ".join(dict.fromkeys(a.source for a in advice if a.source))
    return Finding(Level.INFO, "missed_dose", f"{what} {words}", sources, advice=words)
