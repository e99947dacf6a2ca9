"""One status for a course, the one thing to do now, and what the log button should be.

The status is the worst open finding (an urgent check-in counts as urgent); the next step says
what to do about the most pressing matter; the action says whether logging stays one tap
(`LOG`), steps aside for "contact your prescriber" (`ASK`), or needs a confirm step because the
rules say not to take more now (`STOP`). Every number in a next step comes from the findings,
the drug's limits or the patient's own plan; every clinical sentence from the findings or the
reference data's advice.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal
from enum import IntEnum, StrEnum

from tracker.rules.adherence import TodayPlan, missed_dose, missed_dose_finding
from tracker.rules.findings import DoseFact, Finding, Level, Limits
from tracker.rules.taper import stopping_risks_withdrawal

# Shown in the header (the course day), so never a reason to leave "on track".
ROUTINE = frozenset({"course_day"})
ROLLING_DAY = timedelta(hours=24)
# Next steps that say not to take a dose whatever the minimum gap says.
HARD_STOPS = frozenset({"urgent", "combination", "daily_max", "rolling_max", "taper_plan"})


class Status(IntEnum):
    ON_TRACK = 0
    INFO = 1
    CAUTION = 2
    WARNING = 3
    DANGER = 4
    URGENT = 5

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def icon(self) -> str:
        """Return the name of the icon drawn beside the label (templates/snippets/icon.html)."""
        return _ICONS[self]

    @property
    def css(self) -> str:
        return self.name.lower().replace("_", "-")


_LABELS = {
    Status.ON_TRACK: "On track",
    Status.INFO: "Note",
    Status.CAUTION: "Caution",
    Status.WARNING: "Warning",
    Status.DANGER: "Danger",
    Status.URGENT: "Get help now",
}
_ICONS = {
    Status.ON_TRACK: "check",
    Status.INFO: "info",
    Status.CAUTION: "warning",
    Status.WARNING: "warning",
    Status.DANGER: "danger",
    Status.URGENT: "danger",
}
_FROM_LEVEL = {
    Level.INFO: Status.INFO,
    Level.CAUTION: Status.CAUTION,
    Level.WARNING: Status.WARNING,
    Level.DANGER: Status.DANGER,
}


class Action(StrEnum):
    LOG = "log"  # logging is the main thing to do: one tap
    ASK = "ask"  # contact the prescriber first; logging stays one tap, beside it
    STOP = "stop"  # the rules say not to take more now: logging needs a confirm step


@dataclass(frozen=True)
class Situation:
    """What the status of a course is worked out from: plain values, no rows."""

    findings: tuple[Finding, ...] = ()
    day: int = 1
    limits: Limits = Limits()
    next_dose_at: datetime | None = None  # the minimum gap's end after the last dose
    log_mg: Decimal = Decimal(0)  # what one tap records
    today_mg: Decimal = Decimal(0)  # logged on the local calendar day
    recent: tuple[DoseFact, ...] = ()  # the doses that can fall in the 24 hours before now
    plan_mg_today: Decimal | None = None  # a taper step's amount for today, when one is in force
    has_doses: bool = False
    has_taper_plan: bool = False  # a plan with steps, in force or still to start
    urgent: bool = False  # an urgent check-in is open (the banner at the top of the page)
    today_plan: TodayPlan | None = None  # a scheduled course's plan today: None as needed


@dataclass(frozen=True)
class CourseStatus:
    status: Status
    next_step: str
    action: Action
    reason: str  # what decided the next step: a finding code or a check's name
    missed: Finding | None = None  # a planned dose late at that moment, with the advice
    # When to call for help, in the combination's own advice (its part after the first
    # semicolon, which the next step leaves out): shown beside the number to call.
    emergency: str = ""

    @property
    def stop(self) -> bool:
        return self.action == Action.STOP

    @property
    def spacing_matters(self) -> bool:
        """Return whether the next dose's time is worth showing: not when no dose is advised
        today or now whatever the clock says."""
        return self.reason not in HARD_STOPS

    @property
    def contact_first(self) -> bool:
        """Return whether the main button is "contact your prescriber" rather than logging."""
        return self.action == Action.ASK or (self.stop and self.status >= Status.WARNING)


def worst(findings: Iterable[Finding], urgent: bool = False) -> Status:
    """Return the status of the worst finding; routine ones count for nothing."""
    if urgent:
        return Status.URGENT
    levels = [_FROM_LEVEL[f.level] for f in findings if f.code not in ROUTINE]
    return max(levels, default=Status.ON_TRACK)


def course_status(situation: Situation, now: datetime, zone: tzinfo) -> CourseStatus:
    """Return the status of a course at `now`, the one thing to do, and the log action."""
    # A missed dose depends on the clock alone, so it is worked out here, at every rendering;
    # it is left out when the rules say not to take a dose now, which speaks louder.
    plan = situation.today_plan
    late = missed_dose(plan, now.astimezone(zone)) if plan is not None else None
    if late is not None and _next_step(situation, now.astimezone(zone))[1] != Action.STOP:
        missed = missed_dose_finding(late, plan.advice, zone)
        situation = replace(situation, findings=(*situation.findings, missed))
    else:
        missed = None
    status = worst(situation.findings, situation.urgent)
    step, action, reason = _next_step(situation, now.astimezone(zone))
    if action == Action.LOG and status >= Status.DANGER:
        action = Action.ASK
    # Only the combination's advice has a part on when to call for help (after its first
    # semicolon); another rule's second clause is more advice, never a reason to dial.
    deciding = _by_code(situation.findings).get(reason) if reason == "combination" else None
    emergency = _emergency(deciding) if deciding else ""
    return CourseStatus(status, step, action, reason, missed, emergency)


def _next_step(s: Situation, now: datetime) -> tuple[str, Action, str]:
    limits, by_code = s.limits, _by_code(s.findings)
    if s.urgent:
        return "Get help now: call a number in the warning above.", Action.STOP, "urgent"
    if "combination" in by_code:
        return _advice(by_code["combination"]), Action.STOP, "combination"
    maximum = limits.max_daily_mg
    if maximum is not None and (
        "daily_total_above_max" in by_code or (s.today_mg and s.today_mg + s.log_mg > maximum)
    ):
        step = (
            f"Do not take another dose today: {_mg(s.today_mg)} mg taken, the daily maximum "
            f"is {_mg(maximum)} mg."
        )
        return step, Action.STOP, "daily_max"
    frees_at = rolling_frees_at(s.recent, s.log_mg, maximum, now)
    if frees_at is not None:
        taken = _mg(_in_window(s.recent, now))
        step = (
            f"Do not take another dose before {_when(frees_at, now)}: {taken} mg in the last "
            f"24 hours, the daily maximum is {_mg(maximum)} mg."
        )
        return step, Action.STOP, "rolling_max"
    if s.plan_mg_today is not None and s.today_mg + s.log_mg > s.plan_mg_today:
        if s.plan_mg_today == 0:
            step = "No dose today: your taper plan has none today."
        else:
            plan = f"your taper plan's {_mg(s.plan_mg_today)} mg for today"
            if s.today_mg >= s.plan_mg_today:
                step = f"No more today: {plan} is taken."
            else:
                step = f"No more today: one more dose would go past {plan}."
        return step, Action.STOP, "taper_plan"
    too_soon = s.next_dose_at is not None and s.next_dose_at > now
    # A danger speaks first; the minimum gap still holds the log button back until it ends
    # (the "Next dose" line beside the status gives its time).
    ask = Action.STOP if too_soon else Action.ASK
    if "course_past_limit" in by_code and limits.hard_limit_day:
        step = (
            f"Talk to your prescriber about stopping: day {s.day}, past the "
            f"{limits.hard_limit_day}-day limit."
        )
        if stopping_risks_withdrawal(s.day, limits) and not s.has_taper_plan:
            # The first thing a patient may do past the limit is stop at once, which after
            # this long is what risks withdrawal (a taper plan, started or not, says how).
            step += " Do not stop suddenly on your own: ask about a taper."
        return step, ask, "course_past_limit"
    danger = [f for f in s.findings if f.level >= Level.DANGER and f.code not in ROUTINE]
    if danger:
        return _advice(danger[0]), ask, danger[0].code
    if too_soon:
        return f"Next dose from {_when(s.next_dose_at, now)}.", Action.STOP, "too_soon"
    if "course_limit_reached" in by_code and limits.limit_day and limits.hard_limit_day:
        step = (
            f"Talk to your prescriber about stopping: day {s.day} of a "
            f"{_span(limits.limit_day, limits.hard_limit_day)} limit."
        )
        return step, Action.LOG, "course_limit_reached"
    warnings = [f for f in s.findings if f.level == Level.WARNING]
    if warnings:
        return _advice(warnings[0]), Action.LOG, warnings[0].code
    if "course_past_plan" in by_code:  # the prescriber's own plan has run out
        return by_code["course_past_plan"].message, Action.LOG, "course_past_plan"
    if "missed_dose" in by_code:  # the reference data's words, whole: never cut short
        return by_code["missed_dose"].message, Action.LOG, "missed_dose"
    if "course_limit_approaching" in by_code and limits.limit_day:
        days = limits.limit_day - s.day
        step = (
            f"Plan the end of the course with your prescriber: the {limits.limit_day}-day "
            f"mark is in {days} day{'s' if days != 1 else ''}."
        )
        return step, Action.LOG, "course_limit_approaching"
    if "taper_today" in by_code:
        return by_code["taper_today"].message, Action.LOG, "taper_today"
    return _when_due(s, limits), Action.LOG, "when_due"


def _when_due(s: Situation, limits: Limits) -> str:
    if not s.has_doses:
        return "Log each dose when you take it, starting with the first."
    if limits.min_hours_between is not None:
        return f"Next dose when it is due: the {_mg(limits.min_hours_between)}-hour gap has passed."
    return "Next dose when it is due on your schedule."


def rolling_frees_at(
    recent: Sequence[DoseFact], log_mg: Decimal, maximum: Decimal | None, now: datetime
) -> datetime | None:
    """Return when one more intake fits under the maximum in any 24 hours, if not now: the
    moment enough of the recent doses are 24 hours old. None when it fits now."""
    if maximum is None or not recent:
        return None
    if _in_window(recent, now) + log_mg <= maximum:
        return None
    for moment in sorted(d.taken_at.astimezone(UTC) + ROLLING_DAY for d in recent):
        if moment > now and _in_window(recent, moment) + log_mg <= maximum:
            return moment
    return None  # one intake alone is above the maximum: the daily check says so


def _in_window(doses: Iterable[DoseFact], end: datetime) -> Decimal:
    end = end.astimezone(UTC)
    return sum(
        (d.amount_mg for d in doses if end - ROLLING_DAY < d.taken_at.astimezone(UTC) <= end),
        Decimal(0),
    )


def _by_code(findings: Iterable[Finding]) -> dict[str, Finding]:
    """Return the most serious finding of each code (the findings come most serious first)."""
    by_code: dict[str, Finding] = {}
    for finding in sorted(findings, key=lambda f: -f.level):
        by_code.setdefault(finding.code, finding)
    return by_code


def _advice(finding: Finding) -> str:
    """Return what a finding says to do: an interaction's advice up to its first semicolon
    (the rest, on emergencies, stays in the details), or the finding's first sentence."""
    if finding.advice:
        return finding.advice.split(";")[0].rstrip(".") + "."
    return finding.headline


def _emergency(finding: Finding) -> str:
    """Return the part of a finding's advice after its first semicolon, as a sentence: what
    the next step (the part before it) leaves out, on when to call for help."""
    _, _, rest = finding.advice.partition(";")
    rest = rest.strip().rstrip(".")
    return f"{rest[0].upper()}{rest[1:]}." if rest else ""


def _span(limit_day: int, hard_limit_day: int) -> str:
    if limit_day % 7 == 0 and hard_limit_day % 7 == 0:
        return f"{limit_day // 7}–{hard_limit_day // 7} week"
    return f"{limit_day}–{hard_limit_day} day"


def _when(moment: datetime, now: datetime) -> str:
    local = moment.astimezone(now.tzinfo)
    if local.date() == now.date():
        return f"{local:%H:%M}"
    if local.date() == now.date() + timedelta(days=1):
        return f"{local:%H:%M} tomorrow"
    return f"{local:%a %d %b %H:%M}"


def _mg(value: Decimal) -> str:
    return f"{value.normalize():f}"


# Dashboard groups, in the order shown: each finding code belongs to one kind.
GROUPS = (
    ("Interactions", ("combination", "interaction", "not_checked")),
    (
        "Dose limits",
        (
            "daily_total_above_max",
            "rolling_total_above_max",
            "dose_too_soon",
            "dose_above_max",
            "dose_below_min",
            "more_often_than_prescribed",
            "sooner_than_prescribed",
        ),
    ),
    (
        "Course length",
        (
            "course_past_limit",
            "course_limit_reached",
            "course_limit_approaching",
            "course_past_plan",
        ),
    ),
    ("Taper", ("taper_", "abrupt_stop")),
    ("Symptoms and cautions", ("caution_applies", "symptom")),
    ("Prescription", ("prescription_", "supply_")),
)
OTHER = "Other"


@dataclass(frozen=True)
class FindingGroup:
    title: str
    findings: tuple[Finding, ...]

    @property
    def level(self) -> Level:
        return max(f.level for f in self.findings)

    @property
    def slug(self) -> str:
        return self.title.lower().replace(" ", "-")


def _group_of(code: str) -> str:
    for title, prefixes in GROUPS:
        if any(code == p or (p.endswith("_") and code.startswith(p)) for p in prefixes):
            return title
    return OTHER


def finding_groups(findings: Iterable[Finding]) -> list[FindingGroup]:
    """Return the findings grouped by kind, the most serious group first, each finding once
    (same code and message) and routine ones left out (the header says them)."""
    seen: set[tuple[str, str]] = set()
    grouped: dict[str, list[Finding]] = {}
    # A combination leads its group: it is the one the next step speaks of.
    for finding in sorted(findings, key=lambda f: (-f.level, f.code != "combination")):
        if finding.code in ROUTINE or (finding.code, finding.message) in seen:
            continue
        seen.add((finding.code, finding.message))
        grouped.setdefault(_group_of(finding.code), []).append(finding)
    order = [title for title, _ in GROUPS] + [OTHER]
    groups = [FindingGroup(t, tuple(grouped[t])) for t in order if t in grouped]
    return sorted(groups, key=lambda g: -g.level)
