"""A course's doses indexed once, so that the neighbours of many doses (tracker/rules/doses.py
`Neighbours`) are each read by bisection instead of a pass over every dose: logging a dose asks
them of every later dose in the rules' lookback, twice (tracker/rules/later_doses.py), which
made a write grow with the square of the doses around it."""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, tzinfo
from decimal import Decimal
from itertools import accumulate

from tracker.rules.doses import ROLLING_DAY, Neighbours, local_day, neighbours
from tracker.rules.findings import DoseFact


class DoseIndex:
    def __init__(self, doses: Iterable[DoseFact], zone: tzinfo):
        ordered = sorted((d.taken_at.astimezone(UTC), d.amount_mg) for d in doses)
        self.zone = zone
        self.times = [when for when, _ in ordered]
        self.sums = [Decimal(0), *accumulate(mg for _, mg in ordered)]  # mg of the first n
        self.day_mg: dict = defaultdict(Decimal)
        for when, mg in ordered:
            self.day_mg[local_day(when, zone)] += mg

    def neighbours(
        self, dose: DoseFact, *, without: DoseFact, adding: Iterable[DoseFact] = ()
    ) -> Neighbours:
        """Return what the rules read around `dose` of the indexed doses but `without` (one
        of them: the dose itself), and with `adding` (doses that are not indexed)."""
        moment, day = dose.taken_at.astimezone(UTC), local_day(dose.taken_at, self.zone)
        up_to = bisect_right(self.times, moment)
        since = bisect_right(self.times, moment - ROLLING_DAY)
        previous = self.times[up_to - 1] if up_to else None
        in_24h, mg_24h = up_to - since, self.sums[up_to] - self.sums[since]
        day_mg = self.day_mg.get(day, Decimal(0))

        gone = without.taken_at.astimezone(UTC)
        if gone <= moment:
            if previous == gone:  # one of the doses at that moment is gone: the one before it
                previous = self.times[up_to - 2] if up_to > 1 else None
            if moment - gone < ROLLING_DAY:
                in_24h, mg_24h = in_24h - 1, mg_24h - without.amount_mg
        if local_day(gone, self.zone) == day:
            day_mg -= without.amount_mg

        indexed = Neighbours(previous, in_24h, mg_24h, day_mg)
        return indexed.joined(neighbours(dose.taken_at, adding, self.zone))
