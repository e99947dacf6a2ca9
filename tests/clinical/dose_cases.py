"""What the dose scenario tables share: carisoprodol's limits, the findings by name and level,
and doses written as local wall-clock times in a zone ("+01:00" pins which of two repeated
fall-back times is meant; a time ending in Z stays on the UTC clock, as stored)."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from tracker.rules.doses import dose_findings
from tracker.rules.findings import DoseFact, Level, Limits

# Carisoprodol's limits as in drugs/reference/seed.json: 250–350 mg an intake and 1,400 mg a
# day (350 mg four times a day, SOMA label); the 4-hour minimum gap and the daily maximum are
# app defaults there, to confirm with the prescriber.
LIMITS = Limits(
    dose_min_mg=Decimal("250"),
    dose_max_mg=Decimal("350"),
    max_daily_mg=Decimal("1400"),
    min_hours_between=Decimal("4"),
    caution_day=11,
    limit_day=14,
    hard_limit_day=21,
    source="SOMA-LABEL",
    app_defaults=frozenset({"max_daily_mg", "min_hours_between"}),
)

# What each rule says, and how loudly.
ABOVE = ("dose_above_max", Level.WARNING)
BELOW = ("dose_below_min", Level.CAUTION)  # may be a typo: "check it was recorded right"
DAILY = ("daily_total_above_max", Level.DANGER)
ROLLING = ("rolling_total_above_max", Level.DANGER)
TOO_SOON = ("dose_too_soon", Level.WARNING)  # under the 4-hour minimum
MORE = ("more_often_than_prescribed", Level.WARNING)  # more intakes in 24 h than prescribed
SOONER = ("sooner_than_prescribed", Level.CAUTION)  # under 24 h / intakes, over 4 h
COURSE_DAY = ("course_day", Level.INFO)

PARIS = "Europe/Paris"
NEW_YORK = "America/New_York"
AUCKLAND = "Pacific/Auckland"
HONOLULU = "Pacific/Honolulu"
UTC = "UTC"


def at(text: str, zone: ZoneInfo) -> datetime:
    """Return a local time in the zone; one ending in Z stays on the UTC clock, as stored."""
    moment = datetime.fromisoformat(text)
    if text.endswith("Z"):
        return moment
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def dose_facts(doses: list[tuple[str, str]], zone: ZoneInfo) -> list[DoseFact]:
    return [DoseFact(at(when, zone), Decimal(mg)) for when, mg in doses]


def judged(findings) -> set[tuple[str, Level]]:
    judged = {(f.code, f.level) for f in findings}
    assert len(judged) == len(findings), "a finding was reported twice"
    return judged


def last_dose_findings(
    zone_name: str, doses, intakes_per_day: int | None
) -> set[tuple[str, Level]]:
    zone = ZoneInfo(zone_name)
    *earlier, last = dose_facts(doses, zone)
    return judged(dose_findings(last, earlier, zone, LIMITS, intakes_per_day))


def doses_of(mg: str, *times: str) -> list[tuple[str, str]]:
    return [(t, mg) for t in times]
