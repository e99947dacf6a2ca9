"""What a dose logged after the fact (back-dated, or sent later from a phone that was offline)
changes for the doses logged after it: a dose at 08:00 entered once a 09:00 dose is recorded
makes the 09:00 dose too soon, and may take a later 24 hours over the maximum. The dose rules
only look back, so these are asked of each later dose, with and without the new one, from
the doses around it indexed once (tracker/rules/dose_index.py)."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date, tzinfo

from tracker.rules.dose_index import DoseIndex
from tracker.rules.doses import findings_among, local_day, lookback
from tracker.rules.findings import DoseFact, Finding, Limits

# The day's total already counts every dose of the new dose's own day (later ones too), and is
# said of the new dose; said again of each later dose it would only repeat itself.
SAID_OF_THE_NEW_DOSE = frozenset({"daily_total_above_max"})


def _about_the_later_dose(finding: Finding, later: DoseFact, zone: tzinfo) -> Finding:
    when = later.taken_at.astimezone(zone)
    message = finding.message
    if message.startswith("This dose "):  # "this dose" is the new one where this is read
        message = "That dose " + message.removeprefix("This dose ")
    return replace(
        finding,
        message=f"With this dose, your dose at {when:%H:%M} on {when:%a %d %b} breaks a rule "
        f"it did not break before. {message}",
    )


def later_dose_findings(
    dose: DoseFact,
    others: list[DoseFact],
    zone: tzinfo,
    limits: Limits,
    pace_on: Callable[[date], tuple[int | None, bool]],
    as_needed: bool = False,
    instead_of: DoseFact | None = None,
) -> list[Finding]:
    """Return the rules that doses after `dose` (within the rules' lookback) break with it and
    did not break without it, each said of that later dose. `others`: the course's other
    doses around it; `pace_on(day)`: the intakes a day and whether it is a taper day off;
    `instead_of`: the dose as it was before an edit, which the later doses were judged with."""
    was = [instead_of] if instead_of is not None else []
    start = dose.taken_at
    end = start + lookback(limits)
    later = sorted((d for d in others if start < d.taken_at <= end), key=lambda d: d.taken_at)
    index = DoseIndex(others, zone)
    found = []
    for after in later:
        intakes, day_off = pace_on(local_day(after.taken_at, zone))

        def check(adding, after=after, intakes=intakes, day_off=day_off):
            around = index.neighbours(after, without=after, adding=adding)
            return findings_among(after, around, zone, limits, intakes, day_off, as_needed)

        before = {f.code for f in check(was)}
        found += [
            _about_the_later_dose(f, after, zone)
            for f in check([dose])
            if f.code not in before and f.code not in SAID_OF_THE_NEW_DOSE
        ]
    return found
