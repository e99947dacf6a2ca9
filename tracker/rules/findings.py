"""The vocabulary of the rules: levels, findings and the limits they are checked against."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import IntEnum


class Level(IntEnum):
    INFO = 0
    CAUTION = 1
    WARNING = 2
    DANGER = 3

    @property
    def label(self) -> str:
        return self.name.capitalize()


@dataclass(frozen=True)
class Finding:
    level: Level
    code: str
    message: str
    source: str = ""
    app_default: bool = False  # the threshold is an app default to confirm with the prescriber
    severity: str = ""  # an interaction's severity (contraindicated … minor), shown as a badge
    advice: str = ""  # an interaction's advice, in the reference data's words

    @property
    def headline(self) -> str:
        """Return the message's first sentence: the line shown before the details open."""
        return _split(self.message)[0]

    @property
    def details(self) -> str:
        """Return the rest of the message after its first sentence, or an empty string."""
        return _split(self.message)[1]


# A sentence ends at a full stop followed by a capital: "Day 16: the 14-day mark is reached."
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _split(message: str) -> tuple[str, str]:
    parts = _SENTENCE_END.split(message.strip(), maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


@dataclass(frozen=True)
class Limits:
    """A drug's reference limits; any of them may be unknown (None)."""

    dose_min_mg: Decimal | None = None
    dose_max_mg: Decimal | None = None
    max_daily_mg: Decimal | None = None
    min_hours_between: Decimal | None = None
    caution_day: int | None = None
    limit_day: int | None = None
    hard_limit_day: int | None = None
    limit_reason: str = ""
    controlled: bool = False
    taper_advised: bool = False
    taper_threshold_days: int | None = None
    withdrawal_symptoms: tuple[str, ...] = ()
    source: str = ""
    app_defaults: frozenset[str] = field(default_factory=frozenset)

    def is_default(self, name: str) -> bool:
        return name in self.app_defaults


@dataclass(frozen=True)
class CourseFacts:
    start_date: date
    mg_per_intake: Decimal
    intakes_per_day: int
    end_date: date | None = None
    tablets_dispensed: int | None = None
    tablet_mg: Decimal | None = None
    as_needed: bool = False  # the intakes a day are a ceiling over 24 hours, not a plan

    @property
    def daily_mg(self) -> Decimal:
        return self.mg_per_intake * self.intakes_per_day


@dataclass(frozen=True)
class DoseFact:
    taken_at: datetime  # aware
    amount_mg: Decimal


def most_serious_first(findings: list[Finding]) -> list[Finding]:
    """Return the findings ordered from danger down to info, stable within a level."""
    return sorted(findings, key=lambda f: -f.level)
