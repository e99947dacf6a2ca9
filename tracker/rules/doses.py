"""Dose checks: per intake, per local day, spacing between intakes, and the next allowed time."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal

from drugs.durations import spoken_duration
from tracker.rules.findings import DoseFact, Finding, Level, Limits


def _mg(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _utc(moment: datetime) -> datetime:
    # Two times of one zone subtract and compare by the wall clock, which is wrong across a
    # DST change (00:30 → 04:30 in Paris on 29 March is 3 hours); on the UTC clock it is right.
    return moment.astimezone(UTC)


def on_utc_clock(doses: Iterable[DoseFact]) -> list[DoseFact]:
    """Return the doses with their times on the UTC clock, oldest first."""
    return sorted(
        (DoseFact(_utc(d.taken_at), d.amount_mg) for d in doses), key=lambda d: d.taken_at
    )


def amount_findings(amount_mg: Decimal, limits: Limits) -> list[Finding]:
    """Return findings for one intake's amount against the per-dose range."""
    findings = []
    if limits.dose_max_mg is not None and amount_mg > limits.dose_max_mg:
        findings.append(
            Finding(
                Level.WARNING,
                "dose_above_max",
                f"{_mg(amount_mg)} mg is above the per-dose maximum of "
                f"{_mg(limits.dose_max_mg)} mg.",
                limits.source,
                limits.is_default("dose_max_mg"),
            )
        )
    if limits.dose_min_mg is not None and amount_mg < limits.dose_min_mg:
        findings.append(
            Finding(
                Level.CAUTION,
                "dose_below_min",
                f"{_mg(amount_mg)} mg is below the usual per-dose range, which starts at "
                f"{_mg(limits.dose_min_mg)} mg. Check it was recorded right.",
                limits.source,
                limits.is_default("dose_min_mg"),
            )
        )
    return findings


def daily_total_findings(day: date, total_mg: Decimal, limits: Limits) -> list[Finding]:
    """Return a finding when a local day's total is above the daily maximum."""
    if limits.max_daily_mg is None or total_mg <= limits.max_daily_mg:
        return []
    return [
        Finding(
            Level.DANGER,
            "daily_total_above_max",
            f"{day:%a %d %b}: {_mg(total_mg)} mg in one day is above the daily maximum of "
            f"{_mg(limits.max_daily_mg)} mg. Do not take more today; if you feel very drowsy or "
            "breathe slowly, seek care.",
            limits.source,
            limits.is_default("max_daily_mg"),
        )
    ]


ROLLING_DAY = timedelta(hours=24)


def lookback(limits: Limits) -> timedelta:
    """Return how far back the dose rules look: 24 hours, or the minimum gap if longer."""
    return max(ROLLING_DAY, timedelta(hours=float(limits.min_hours_between or 0)))


def rolling_total_findings(taken_at: datetime, total_mg: Decimal, limits: Limits) -> list[Finding]:
    """Return a finding when the 24 hours up to an intake hold more than the daily maximum:
    four doses between 18:00 and 06:00 cross midnight but are still one day's worth."""
    if limits.max_daily_mg is None or total_mg <= limits.max_daily_mg:
        return []
    return [
        Finding(
            Level.DANGER,
            "rolling_total_above_max",
            f"{_mg(total_mg)} mg in the 24 hours up to {taken_at:%a %d %b %H:%M} is above the "
            f"daily maximum of {_mg(limits.max_daily_mg)} mg, which counts for any 24 hours, "
            "not only a calendar day. Do not take more for now; if you feel very drowsy or "
            "breathe slowly, seek care.",
            limits.source,
            limits.is_default("max_daily_mg"),
        )
    ]


def prescribed_pace_findings(
    taken_at: datetime,
    earlier: Iterable[datetime],
    intakes_per_day: int | None,
    day_off: bool = False,
) -> list[Finding]:
    """Return findings when intakes come more often than the prescription: see `pace_findings`,
    here against the times of the intakes before and around it."""
    taken_at = _utc(taken_at)
    before = [t for t in map(_utc, earlier) if t <= taken_at]
    in_24h = sum(1 for t in before if taken_at - t < ROLLING_DAY)
    return pace_findings(taken_at, max(before, default=None), in_24h, intakes_per_day, day_off)


def pace_findings(
    taken_at: datetime,
    previous: datetime | None,
    in_24h: int,
    intakes_per_day: int | None,
    day_off: bool = False,
) -> list[Finding]:
    """Return findings when intakes come more often than the prescription: more of them in 24
    hours than its intakes a day, or sooner than its interval (24 h / intakes a day). None a
    day (a taper's last step) makes any intake one more than prescribed; so does one on a day
    off of an every-other-day step, which is said as such: the plan goes on the next day.
    `previous`: the latest intake at or before it; `in_24h`: the others in the 24 hours up to it."""
    if intakes_per_day is None:
        return []
    if day_off:
        return [
            Finding(
                Level.WARNING,
                "taper_day_off_dose",
                "Today is a day off in your taper plan: no dose is planned today, and the plan "
                "goes on tomorrow. Do not take extra doses; if withdrawal symptoms are hard to "
                "bear, contact your prescriber.",
                "your taper plan",
            )
        ]
    if intakes_per_day == 0:
        return [
            Finding(
                Level.WARNING,
                "more_often_than_prescribed",
                "Your plan has no more doses: its last step is none a day. Do not restart on "
                "your own; if withdrawal symptoms are hard to bear, contact your prescriber.",
                "your prescription",
            )
        ]
    taken_at = _utc(taken_at)
    in_window = 1 + in_24h
    findings = []
    if in_window > intakes_per_day:
        findings.append(
            Finding(
                Level.WARNING,
                "more_often_than_prescribed",
                f"{in_window} doses in 24 hours; your prescription is {intakes_per_day} a day. "
                "Do not take extra doses; ask your prescriber if the pain is not controlled.",
                "your prescription",
            )
        )
    interval = ROLLING_DAY / intakes_per_day
    if previous is not None and taken_at - previous < interval:
        gap = taken_at - previous
        findings.append(
            Finding(
                Level.CAUTION,
                "sooner_than_prescribed",
                f"This dose came {spoken_duration(gap)} after the previous one; "
                f"{intakes_per_day} a day means about {spoken_duration(interval)} between doses, "
                "unless your prescriber gave you set times.",
                "your prescription",
            )
        )
    return findings


def spacing_findings(
    previous: datetime | None, taken_at: datetime, limits: Limits
) -> list[Finding]:
    """Return a finding when an intake comes sooner than the minimum gap after the previous one."""
    if previous is None or limits.min_hours_between is None:
        return []
    gap = _utc(taken_at) - _utc(previous)
    minimum = timedelta(hours=float(limits.min_hours_between))
    if gap >= minimum:
        return []
    return [
        Finding(
            Level.WARNING,
            "dose_too_soon",
            f"This dose came {spoken_duration(gap)} after the previous one; "
            f"the minimum gap is {spoken_duration(minimum)}.",
            limits.source,
            limits.is_default("min_hours_between"),
        )
    ]


def next_dose_earliest(last_taken_at: datetime | None, limits: Limits) -> datetime | None:
    """Return the earliest time the next intake is within the spacing limit, or None if any time."""
    if last_taken_at is None or limits.min_hours_between is None:
        return None
    return _utc(last_taken_at) + timedelta(hours=float(limits.min_hours_between))


def local_day(moment: datetime, zone: tzinfo) -> date:
    """Return the calendar day of an aware moment in the user's zone."""
    return moment.astimezone(zone).date()


def daily_totals(doses: Iterable[DoseFact], zone: tzinfo) -> dict[date, Decimal]:
    """Return the total mg per local day."""
    totals: dict[date, Decimal] = defaultdict(Decimal)
    for dose in doses:
        totals[local_day(dose.taken_at, zone)] += dose.amount_mg
    return dict(totals)


def rolling_total(taken_at: datetime, doses: Iterable[DoseFact]) -> Decimal:
    """Return the mg taken in the 24 hours up to and including a moment."""
    end = _utc(taken_at)
    return sum(
        (d.amount_mg for d in doses if end - ROLLING_DAY < _utc(d.taken_at) <= end),
        Decimal(0),
    )


@dataclass(frozen=True)
class Neighbours:
    """What the dose rules read of the other doses around one: the latest at or before it, the
    doses in the 24 hours up to it, and the mg of its local day (later doses of that day too)."""

    previous: datetime | None  # on the UTC clock
    in_24h: int
    mg_24h: Decimal
    day_mg: Decimal

    def joined(self, other: "Neighbours") -> "Neighbours":
        """Return the neighbours among both sets of doses (disjoint ones)."""
        latest = [when for when in (self.previous, other.previous) if when is not None]
        return Neighbours(
            max(latest, default=None),
            self.in_24h + other.in_24h,
            self.mg_24h + other.mg_24h,
            self.day_mg + other.day_mg,
        )


def neighbours(taken_at: datetime, others: Iterable[DoseFact], zone: tzinfo) -> Neighbours:
    """Return what the rules read of `others` around a moment, in one pass over them."""
    moment, day = _utc(taken_at), local_day(taken_at, zone)
    previous, in_24h, mg_24h, day_mg = None, 0, Decimal(0), Decimal(0)
    for other in others:
        when = _utc(other.taken_at)
        if when <= moment:
            previous = when if previous is None else max(previous, when)
            if moment - when < ROLLING_DAY:
                in_24h, mg_24h = in_24h + 1, mg_24h + other.amount_mg
        if local_day(when, zone) == day:
            day_mg += other.amount_mg
    return Neighbours(previous, in_24h, mg_24h, day_mg)


def dose_findings(
    dose: DoseFact,
    earlier: Iterable[DoseFact],
    zone: tzinfo,
    limits: Limits,
    intakes_per_day: int | None = None,
    day_off: bool = False,
    as_needed: bool = False,
) -> list[Finding]:
    """Return the findings for one intake given the doses logged before and around it, and
    the prescription's intakes a day when there is one (as needed, a ceiling over 24 hours
    with no interval to keep)."""
    around = neighbours(dose.taken_at, (d for d in earlier if d is not dose), zone)
    return findings_among(dose, around, zone, limits, intakes_per_day, day_off, as_needed)


def findings_among(
    dose: DoseFact,
    around: Neighbours,
    zone: tzinfo,
    limits: Limits,
    intakes_per_day: int | None = None,
    day_off: bool = False,
    as_needed: bool = False,
) -> list[Finding]:
    """Return the findings for one intake from what the rules read of the doses around it
    (`neighbours`, or tracker/rules/dose_index.py for many doses of one course)."""
    local_time = dose.taken_at.astimezone(zone)
    taken_at = _utc(dose.taken_at)
    calendar_day = daily_total_findings(
        local_day(taken_at, zone), dose.amount_mg + around.day_mg, limits
    )
    rolling = dose.amount_mg + around.mg_24h
    too_soon = spacing_findings(around.previous, taken_at, limits)
    pace = pace_findings(taken_at, around.previous, around.in_24h, intakes_per_day, day_off)
    if too_soon or as_needed:  # the minimum gap says it more strongly; as needed, no interval
        pace = [f for f in pace if f.code != "sooner_than_prescribed"]
    return (
        amount_findings(dose.amount_mg, limits)
        + too_soon
        + pace
        + (calendar_day or rolling_total_findings(local_time, rolling, limits))
    )
