"""Situations a patient meets, for the status tests (tests/tracker/test_rules_status.py): what
the rules found, the doses, the clock; and what the dashboard's first lines must say and what
the log button must be.
"""

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from tracker.rules.course_day import course_day_findings
from tracker.rules.doses import daily_total_findings
from tracker.rules.findings import DoseFact, Finding, Level, Limits
from tracker.rules.status import Action, Situation, Status

ZONE = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 5, 12, 12, 0, tzinfo=ZONE)
MG = Decimal("350")
LIMITS = Limits(
    dose_min_mg=Decimal("250"),
    dose_max_mg=MG,
    max_daily_mg=Decimal("1400"),
    min_hours_between=Decimal("4"),
    caution_day=11,
    limit_day=14,
    hard_limit_day=21,
    source="SOMA-LABEL",
)


def _at(hour: int, minute: int = 0, days: int = 0) -> datetime:
    return NOW.replace(hour=hour, minute=minute) + timedelta(days=days)


def _doses(*moments: datetime, mg: Decimal = MG) -> tuple[DoseFact, ...]:
    return tuple(DoseFact(m, mg) for m in moments)


COMBINATION = Finding(
    Level.DANGER,
    "combination",
    "Dangerous combination, Opioid + benzodiazepine + carisoprodol: Carisoprodol + Percocet "
    "+ Xanax. The most dangerous combination.",
    "SOMA-LABEL (label)",
    severity="major",
    advice="Do not take these together. Contact your prescriber today; if someone is very "
    "drowsy, call emergency services.",
)
MAJOR = Finding(
    Level.DANGER,
    "interaction",
    "Carisoprodol + Xanax (alprazolam): Additive sedation. Avoid unless your prescriber knows.",
    severity="major",
    advice="Avoid unless your prescriber knows and monitors you.",
)
MODERATE = Finding(
    Level.WARNING,
    "interaction",
    "Carisoprodol + Prilosec (omeprazole): More carisoprodol in the blood. Watch for drowsiness.",
    severity="moderate",
    advice="Watch for drowsiness; tell your prescriber.",
)
MINOR = Finding(Level.CAUTION, "interaction", "Carisoprodol + X: Minor.", severity="minor")
ABOVE_DOSE = Finding(
    Level.WARNING, "dose_above_max", "400 mg is above the per-dose maximum of 350 mg."
)
CAUTION = Finding(
    Level.CAUTION, "caution_applies", "You told us this applies to you: Kidney disease. Ask."
)
SUPPLY = Finding(Level.INFO, "supply_runs_out", "Your 40 tablets last until Sat 23 May 2026.")
TAPER_TODAY = Finding(Level.INFO, "taper_today", "Today: 350 mg twice a day.")


def situation(day: int = 3, *extra: Finding, **values) -> Situation:
    """A carisoprodol course on `day`, its course-day findings and any `extra` ones."""
    findings = (*course_day_findings(day, values.get("limits", LIMITS)), *extra)
    values.setdefault("limits", LIMITS)
    values.setdefault("log_mg", MG)
    return Situation(findings=findings, day=day, **values)


def _last(taken: datetime, **values) -> dict:
    """Values after one dose at `taken` today."""
    return {
        "has_doses": True,
        "next_dose_at": taken + timedelta(hours=4),
        "today_mg": MG,
        "recent": _doses(taken),
        **values,
    }


AT_MAX_TODAY = {
    "has_doses": True,
    "today_mg": Decimal("1400"),
    "recent": _doses(_at(0, 30), _at(4, 40), _at(8, 0), _at(11, 0) - timedelta(hours=3)),
    "next_dose_at": _at(11, 0),
}
ROLLING = {  # three doses last evening and one at night: 1400 mg in the 24 hours up to now
    "has_doses": True,
    "today_mg": MG,
    "recent": _doses(_at(16, days=-1), _at(20, days=-1), _at(23, 30, days=-1), _at(3, 30)),
    "next_dose_at": _at(7, 30),
}
CASES = [
    # (name, situation, now, status, action, next step)
    (
        "day 1, nothing logged",
        situation(1),
        NOW,
        Status.ON_TRACK,
        Action.LOG,
        "Log each dose when you take it, starting with the first.",
    ),
    (
        "day 3, the gap has passed",
        situation(3, **_last(_at(7))),
        NOW,
        Status.ON_TRACK,
        Action.LOG,
        "Next dose when it is due: the 4-hour gap has passed.",
    ),
    (
        "day 3, a dose an hour ago",
        situation(3, **_last(_at(11))),
        NOW,
        Status.ON_TRACK,
        Action.STOP,
        "Next dose from 15:00.",
    ),
    (
        "the gap ends after midnight",
        situation(3, **_last(_at(22, 30))),
        _at(23),
        Status.ON_TRACK,
        Action.STOP,
        "Next dose from 02:30 tomorrow.",
    ),
    (
        "the gap ends at the very moment",
        situation(3, **_last(_at(8))),
        NOW,
        Status.ON_TRACK,
        Action.LOG,
        "Next dose when it is due: the 4-hour gap has passed.",
    ),
    (
        "day 11, the limit is near",
        situation(11),
        NOW,
        Status.CAUTION,
        Action.LOG,
        "Plan the end of the course with your prescriber: the 14-day mark is in 3 days.",
    ),
    (
        "day 13, one day left",
        situation(13),
        NOW,
        Status.CAUTION,
        Action.LOG,
        "Plan the end of the course with your prescriber: the 14-day mark is in 1 day.",
    ),
    (
        "day 14, the limit is reached",
        situation(14),
        NOW,
        Status.WARNING,
        Action.LOG,
        "Talk to your prescriber about stopping: day 14 of a 2–3 week limit.",
    ),
    (
        "day 16",
        situation(16),
        NOW,
        Status.WARNING,
        Action.LOG,
        "Talk to your prescriber about stopping: day 16 of a 2–3 week limit.",
    ),
    (
        "limits that are not whole weeks",
        situation(12, limits=replace(LIMITS, caution_day=8, limit_day=10, hard_limit_day=15)),
        NOW,
        Status.WARNING,
        Action.LOG,
        "Talk to your prescriber about stopping: day 12 of a 10–15 day limit.",
    ),
    (
        "the daily maximum is reached",
        situation(3, **AT_MAX_TODAY),
        NOW,
        Status.ON_TRACK,
        Action.STOP,
        "Do not take another dose today: 1400 mg taken, the daily maximum is 1400 mg.",
    ),
    (
        "one more dose still fits the day",
        situation(
            3,
            **{**AT_MAX_TODAY, "today_mg": Decimal("1050"), "recent": AT_MAX_TODAY["recent"][1:]},
        ),
        NOW,
        Status.ON_TRACK,
        Action.LOG,
        "Next dose when it is due: the 4-hour gap has passed.",
    ),
    (
        "the daily maximum is passed",
        situation(
            3,
            *daily_total_findings(NOW.date(), Decimal("1750"), LIMITS),
            **{**AT_MAX_TODAY, "today_mg": Decimal("1750")},
        ),
        NOW,
        Status.DANGER,
        Action.STOP,
        "Do not take another dose today: 1750 mg taken, the daily maximum is 1400 mg.",
    ),
    (
        "the rolling 24 hours are full",
        situation(3, **ROLLING),
        NOW,
        Status.ON_TRACK,
        Action.STOP,
        "Do not take another dose before 16:00: 1400 mg in the last 24 hours, the daily "
        "maximum is 1400 mg.",
    ),
    (
        "one more dose would go past the taper step",
        situation(
            5,
            TAPER_TODAY,
            plan_mg_today=Decimal("700"),
            **_last(_at(6), today_mg=Decimal("525")),
        ),
        NOW,
        Status.INFO,
        Action.STOP,
        "No more today: one more dose would go past your taper plan's 700 mg for today.",
    ),
    (
        "the triple combination",
        situation(16, COMBINATION, MAJOR),
        NOW,
        Status.DANGER,
        Action.STOP,
        "Do not take these together. Contact your prescriber today.",
    ),
    (
        "the combination wins over a dose too soon",
        situation(16, COMBINATION, **_last(_at(11))),
        NOW,
        Status.DANGER,
        Action.STOP,
        "Do not take these together. Contact your prescriber today.",
    ),
    (
        "a major interaction",
        situation(5, MAJOR, **_last(_at(6))),
        NOW,
        Status.DANGER,
        Action.ASK,
        "Avoid unless your prescriber knows and monitors you.",
    ),
    (
        "a moderate interaction",
        situation(5, MODERATE),
        NOW,
        Status.WARNING,
        Action.LOG,
        "Watch for drowsiness.",
    ),
    (
        "a minor interaction",
        situation(5, MINOR, **_last(_at(6))),
        NOW,
        Status.CAUTION,
        Action.LOG,
        "Next dose when it is due: the 4-hour gap has passed.",
    ),
    (
        "an urgent check-in",
        situation(5, urgent=True),
        NOW,
        Status.URGENT,
        Action.STOP,
        "Get help now: call a number in the warning above.",
    ),
    (
        "an urgent check-in beside the combination",
        situation(16, COMBINATION, urgent=True),
        NOW,
        Status.URGENT,
        Action.STOP,
        "Get help now: call a number in the warning above.",
    ),
    (
        "the taper step's amount is taken",
        situation(18, TAPER_TODAY, plan_mg_today=MG, **_last(_at(6))),
        NOW,
        Status.WARNING,
        Action.STOP,
        "No more today: your taper plan's 350 mg for today is taken.",
    ),
    (
        "a taper day off",
        situation(18, plan_mg_today=Decimal(0), limits=replace(LIMITS, hard_limit_day=None)),
        NOW,
        Status.ON_TRACK,
        Action.STOP,
        "No dose today: your taper plan has none today.",
    ),
    (
        "a taper step with room left",
        situation(5, TAPER_TODAY, plan_mg_today=Decimal("700"), **_last(_at(6), log_mg=MG)),
        NOW,
        Status.INFO,
        Action.LOG,
        "Today: 350 mg twice a day.",
    ),
    (
        "a dose above the per-dose maximum today",
        situation(4, ABOVE_DOSE, **_last(_at(7))),
        NOW,
        Status.WARNING,
        Action.LOG,
        "400 mg is above the per-dose maximum of 350 mg.",
    ),
    (
        "a caution that applies",
        situation(4, CAUTION, **_last(_at(7))),
        NOW,
        Status.CAUTION,
        Action.LOG,
        "Next dose when it is due: the 4-hour gap has passed.",
    ),
    (
        "the supply outlook only",
        situation(4, SUPPLY),
        NOW,
        Status.INFO,
        Action.LOG,
        "Log each dose when you take it, starting with the first.",
    ),
    (
        "a major interaction and too soon",
        situation(16, MAJOR, **_last(_at(11))),
        NOW,
        Status.DANGER,
        Action.STOP,
        "Avoid unless your prescriber knows and monitors you.",
    ),
    (
        "a drug with no limits known",
        Situation(has_doses=True, log_mg=MG),
        NOW,
        Status.ON_TRACK,
        Action.LOG,
        "Next dose when it is due on your schedule.",
    ),
]
