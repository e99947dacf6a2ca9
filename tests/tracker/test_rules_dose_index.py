"""The doses indexed once (tracker/rules/dose_index.py) answer as a pass over every dose does:
random doses, clock changes, same-moment doses, edits (no database)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.rules.dose_index import DoseIndex
from tracker.rules.doses import dose_findings, neighbours
from tracker.rules.findings import DoseFact, Limits
from tracker.rules.later_doses import SAID_OF_THE_NEW_DOSE, later_dose_findings

LIMITS = Limits(
    dose_min_mg=Decimal("250"),
    dose_max_mg=Decimal("350"),
    max_daily_mg=Decimal("1400"),
    min_hours_between=Decimal("4"),
    source="SOMA-LABEL",
)
PARIS = ZoneInfo("Europe/Paris")
# Around the spring clock change in Paris (29 March 2026, 02:00 → 03:00): local days of 23 hours.
T0 = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)

minutes = st.integers(min_value=-3 * 24 * 60, max_value=3 * 24 * 60)
amounts = st.sampled_from([Decimal("250"), Decimal("350"), Decimal("700")])


def _fact(minute: int, mg: Decimal) -> DoseFact:
    return DoseFact((T0 + timedelta(minutes=minute)).astimezone(PARIS), mg)


doses = st.lists(st.builds(_fact, minutes, amounts), max_size=40)


@settings(max_examples=300, deadline=None)
@given(doses, st.builds(_fact, minutes, amounts), st.lists(st.builds(_fact, minutes, amounts)))
def test_the_neighbours_of_an_indexed_dose_are_those_of_a_pass_over_the_others(
    others, extra, adding
):
    everyone = [*others, extra]
    # Doses at one moment twice: the one left out is one of them, not both.
    everyone += [DoseFact(extra.taken_at, extra.amount_mg)] if len(others) % 2 else []
    index = DoseIndex(everyone, PARIS)
    rest = [d for d in everyone if d is not extra]
    assert index.neighbours(extra, without=extra, adding=adding) == neighbours(
        extra.taken_at, [*rest, *adding], PARIS
    )


def _later_by_every_dose(dose, others, intakes, was):
    """What later_dose_findings finds, by checking each later dose against every other dose."""
    end = dose.taken_at + timedelta(hours=24)
    found = []
    for after in sorted((d for d in others if dose.taken_at < d.taken_at <= end), key=_when):
        rest = [d for d in others if d is not after]
        before = {f.code for f in dose_findings(after, [*rest, *was], PARIS, LIMITS, intakes)}
        found += [
            (f.code, f.level, after.taken_at)
            for f in dose_findings(after, [*rest, dose], PARIS, LIMITS, intakes)
            if f.code not in before and f.code not in SAID_OF_THE_NEW_DOSE
        ]
    return found


def _when(dose):
    return dose.taken_at


@settings(max_examples=300, deadline=None)
@given(
    doses,
    st.builds(_fact, minutes, amounts),
    st.sampled_from([None, 1, 3, 4]),
    st.one_of(st.none(), st.builds(_fact, minutes, amounts)),
)
def test_what_a_dose_changes_for_later_doses_is_what_checking_every_dose_finds(
    others, dose, intakes, was
):
    found = later_dose_findings(
        dose, others, PARIS, LIMITS, lambda day: (intakes, False), instead_of=was
    )
    expected = _later_by_every_dose(dose, others, intakes, [was] if was is not None else [])
    assert sorted((f.code, f.level) for f in found) == sorted(
        (code, level) for code, level, _ in expected
    )
