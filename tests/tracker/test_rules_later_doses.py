"""What a dose logged after the fact changes for the doses after it (no database)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from tracker.rules.findings import DoseFact, Level, Limits
from tracker.rules.later_doses import later_dose_findings

LIMITS = Limits(
    dose_max_mg=Decimal("350"),
    max_daily_mg=Decimal("1400"),
    min_hours_between=Decimal("4"),
    source="SOMA-LABEL",
)
PARIS = ZoneInfo("Europe/Paris")
T0 = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)  # 09:00 in Paris


def _dose(hours: float, mg: str = "350") -> DoseFact:
    return DoseFact(T0 + timedelta(hours=hours), Decimal(mg))


def _later(dose, others, intakes=None, day_off=False):
    return later_dose_findings(dose, others, PARIS, LIMITS, lambda day: (intakes, day_off))


def test_a_dose_entered_an_hour_before_a_recorded_one_makes_that_one_too_soon():
    [finding] = _later(_dose(-1), [_dose(0)])
    assert (finding.code, finding.level, finding.source) == (
        "dose_too_soon",
        Level.WARNING,
        "SOMA-LABEL",
    )
    assert finding.message.startswith(
        "With this dose, your dose at 09:00 on Tue 10 Mar breaks a rule it did not break before. "
        "That dose came 1 hour after the previous one; the minimum gap is 4 hours."
    )


def test_a_dose_logged_after_every_other_changes_nothing_after_it():
    assert _later(_dose(0), [_dose(-5), _dose(-10)]) == []


def test_a_later_dose_already_too_soon_is_not_said_again():
    # 09:00 was already 2 hours after 07:00; a dose at 08:00 does not make it newly too soon.
    assert _later(_dose(-1), [_dose(-2), _dose(0)]) == []


def test_a_later_dose_beyond_the_rules_lookback_is_left_alone():
    assert _later(_dose(-30), [_dose(0)]) == []


def test_a_later_day_taken_over_the_24_hour_maximum_is_said_of_its_dose():
    # Three doses on the 10th from 14:00 and a fourth at 04:00 on the 11th (another calendar
    # day in Paris): 1,400 mg within 24 hours. Entering 300 mg at 13:30 on the 10th makes the
    # 14:00 dose too soon and takes the 24 hours up to 04:00 over the maximum.
    later = [_dose(5), _dose(9), _dose(13), _dose(19)]
    found = _later(_dose(4.5, "300"), later)
    assert [f.code for f in found] == ["dose_too_soon", "rolling_total_above_max"]
    assert "your dose at 14:00 on Tue 10 Mar" in found[0].message
    assert "your dose at 04:00 on Wed 11 Mar" in found[1].message
    assert "1700 mg in the 24 hours up to Wed 11 Mar 04:00" in found[1].message


def test_the_prescriptions_pace_for_the_later_doses_day_is_asked():
    # Three a day: a dose entered between two recorded ones eight hours apart makes the later
    # one come sooner than prescribed (the minimum gap of 4 hours is kept).
    [finding] = _later(_dose(-4), [_dose(-8), _dose(0)], intakes=3)
    assert finding.code == "sooner_than_prescribed"
    assert "your dose at 09:00" in finding.message and "That dose came 4 hours" in finding.message


def test_the_days_total_is_said_of_the_new_dose_not_again_of_each_later_one():
    same_day = [_dose(1), _dose(5), _dose(9)]  # 10:00, 14:00, 18:00 in Paris: 1,050 mg
    found = _later(_dose(-4.5, "350"), same_day)  # 04:30: the day reaches 1,400 mg, not above
    assert all(f.code != "daily_total_above_max" for f in found)
    found = _later(_dose(-4.5, "351"), same_day)  # above the day's maximum
    assert all(f.code != "daily_total_above_max" for f in found)


def test_times_are_said_in_the_patients_zone():
    [finding] = later_dose_findings(_dose(-1), [_dose(0)], UTC, LIMITS, lambda day: (None, False))
    assert "your dose at 08:00 on Tue 10 Mar" in finding.message


def test_an_edit_says_only_what_the_later_doses_break_now_and_did_not_with_the_dose_as_it_was():
    later = [_dose(0)]
    # Its note changed, not its time: 09:00 was already too soon after it.
    assert (
        later_dose_findings(
            _dose(-1), later, PARIS, LIMITS, lambda day: (None, False), instead_of=_dose(-1)
        )
        == []
    )
    # Moved from 03:00 to 08:00: 09:00 is now too soon.
    [finding] = later_dose_findings(
        _dose(-1), later, PARIS, LIMITS, lambda day: (None, False), instead_of=_dose(-6)
    )
    assert finding.code == "dose_too_soon"
