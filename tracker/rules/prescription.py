"""A prescription checked against the drug's reference limits, when a course is started or
changed.

Values above a labelled limit are warnings the patient confirms ("my prescriber wrote this"):
prescribers may have reasons, and the app informs rather than decides. Values far beyond any
limit (more than the drug's impossible multiple of its per-dose or daily maximum) are refused:
no one could be prescribed them, so they are typos.
"""

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tracker.rules.course_day import course_day
from tracker.rules.findings import Finding, Level

# The findings a patient confirms: what the prescriber wrote beyond the labelled limits.
CONFIRMED_CODES = frozenset(
    {
        "prescription_dose_above_label",
        "prescription_dose_below_label",
        "prescription_intakes_above_label",
        "prescription_daily_above_max",
        "prescription_longer_than_limit",
        "prescription_past_usual_limit",
    }
)


@dataclass(frozen=True)
class Prescription:
    mg_per_intake: Decimal
    intakes_per_day: int
    planned_days: int | None = None  # the length the prescriber gave, when they gave one

    @property
    def daily_mg(self) -> Decimal:
        return self.mg_per_intake * self.intakes_per_day


@dataclass(frozen=True)
class PrescriptionLimits:
    """The reference values a prescription is checked against; any may be unknown (None)."""

    dose_min_mg: Decimal | None = None
    dose_max_mg: Decimal | None = None
    max_intakes_per_day: int | None = None
    max_daily_mg: Decimal | None = None
    limit_day: int | None = None  # the usual limit (two weeks)
    hard_limit_day: int | None = None  # the outer limit (three weeks)
    impossible_multiple: Decimal | None = None
    source: str = ""
    app_defaults: frozenset[str] = frozenset()

    @property
    def known(self) -> bool:
        return any(
            v is not None for v in (self.dose_max_mg, self.max_intakes_per_day, self.max_daily_mg)
        )


def _mg(value: Decimal) -> str:
    return f"{value.normalize():,f}"


def _times(count: int) -> str:
    return {1: "once a day", 2: "twice a day"}.get(count, f"{count} times a day")


def impossible_values(rx: Prescription, limits: PrescriptionLimits) -> dict[str, str]:
    """Return, by form field, why a prescription is refused: a dose or daily total more than the
    impossible multiple of its labelled maximum."""
    factor = limits.impossible_multiple
    if not factor:
        return {}
    errors = {}
    if limits.dose_max_mg and rx.mg_per_intake > factor * limits.dose_max_mg:
        errors["mg_per_intake"] = (
            f"{_mg(rx.mg_per_intake)} mg in one intake is more than {factor.normalize():f} times "
            f"the labelled single dose ({_mg(limits.dose_max_mg)} mg): no one is prescribed "
            "that. Check the amount on the label of your tablets."
        )
    if limits.max_daily_mg and rx.daily_mg > factor * limits.max_daily_mg:
        errors["intakes_per_day"] = (
            f"{_mg(rx.mg_per_intake)} mg {_times(rx.intakes_per_day)} is {_mg(rx.daily_mg)} mg a "
            f"day, more than {factor.normalize():f} times the daily maximum "
            f"({_mg(limits.max_daily_mg)} mg): no one is prescribed that. Check the amount and "
            "how often on your prescription."
        )
    return errors


def prescription_findings(
    rx: Prescription, limits: PrescriptionLimits, drug_name: str
) -> list[Finding]:
    """Return what in the prescription is beyond the labelled limits, most serious first; or
    that it could not be checked, when the drug has no reference limits."""
    if not limits.known:
        return [
            Finding(
                Level.CAUTION,
                "prescription_not_checked",
                f"There are no dose limits for {drug_name} in our reference data, so this "
                "prescription could not be checked. Your prescriber or pharmacist can.",
            )
        ]
    findings = []

    def add(code: str, message: str, field: str, level: Level = Level.WARNING) -> None:
        findings.append(Finding(level, code, message, limits.source, field in limits.app_defaults))

    if limits.dose_max_mg is not None and rx.mg_per_intake > limits.dose_max_mg:
        add(
            "prescription_dose_above_label",
            f"{_mg(rx.mg_per_intake)} mg per intake is above the labelled single dose of "
            f"{_mg(limits.dose_max_mg)} mg.",
            "dose_max_mg",
        )
    if limits.dose_min_mg is not None and rx.mg_per_intake < limits.dose_min_mg:
        # Not a danger, but a dropped digit (35 for 350) looks like this.
        add(
            "prescription_dose_below_label",
            f"{_mg(rx.mg_per_intake)} mg per intake is below the labelled dose of "
            f"{_mg(limits.dose_min_mg)} mg or more; check the amount on your prescription.",
            "dose_min_mg",
            Level.CAUTION,
        )
    if limits.max_intakes_per_day is not None and rx.intakes_per_day > limits.max_intakes_per_day:
        add(
            "prescription_intakes_above_label",
            f"{rx.intakes_per_day} intakes a day is more than the labelled "
            f"{limits.max_intakes_per_day}.",
            "max_intakes_per_day",
        )
    if limits.max_daily_mg is not None and rx.daily_mg > limits.max_daily_mg:
        add(
            "prescription_daily_above_max",
            f"{_mg(rx.daily_mg)} mg a day is above the daily maximum of "
            f"{_mg(limits.max_daily_mg)} mg.",
            "max_daily_mg",
        )
    if rx.planned_days is not None:
        if limits.hard_limit_day is not None and rx.planned_days > limits.hard_limit_day:
            add(
                "prescription_longer_than_limit",
                f"A course of {rx.planned_days} days is longer than the "
                f"{limits.hard_limit_day}-day limit (the label: two to three weeks at most).",
                "course_hard_limit_day",
            )
        elif limits.limit_day is not None and rx.planned_days > limits.limit_day:
            add(
                "prescription_past_usual_limit",
                f"A course of {rx.planned_days} days goes past the usual {limits.limit_day}-day "
                "limit; plan with your prescriber how to stop.",
                "course_limit_day",
                Level.CAUTION,
            )
    return sorted(findings, key=lambda f: -f.level)


def standing_findings(
    findings: list[Finding], confirmed_on: date | None, confirmed: Collection[str] = ()
) -> list[Finding]:
    """Return the prescription's findings as the dashboard keeps them for the whole course,
    saying for each whether the patient confirmed that the prescriber wrote it: only a warning
    they were shown and confirmed (its words among `confirmed`) says so; one that appeared since
    (new reference limits) asks them to check."""
    unconfirmed = "Check with your prescriber or pharmacist that this is what they meant."

    def tail(finding: Finding) -> str:
        if confirmed_on is None or finding.message not in confirmed:
            return unconfirmed
        return (
            f"You confirmed on {confirmed_on:%d %b %Y} that your prescriber wrote this; if "
            "anything feels wrong, ask them or your pharmacist before the next dose."
        )

    return [
        replace(f, message=f"Your prescription: {f.message} {tail(f)}")
        if f.code != "prescription_not_checked"
        else f
        for f in findings
    ]


def start_date_finding(
    start_date: date, today: date, limits: PrescriptionLimits, drug_name: str
) -> Finding | None:
    """Return a warning when a course being entered started so long ago that it is already past
    the drug's outer limit: a wrong year or month looks like this, and so does a course taken
    for longer than it should be. Only the patient knows which, so they confirm the date."""
    if limits.hard_limit_day is None:
        return None
    day = course_day(start_date, today)
    if day <= limits.hard_limit_day:
        return None
    return Finding(
        Level.WARNING,
        "course_start_past_limit",
        f"A course of {drug_name} that started on {start_date:%a %d %b %Y} is on day {day} "
        f"today: already past the {limits.hard_limit_day}-day limit. If the date is wrong (the "
        "year or the month), correct it. If it is right, tick the box below and send the form "
        "again: your dashboard then says what to do next.",
        limits.source,
        "course_hard_limit_day" in limits.app_defaults,
    )
