"""Two-factor rules: plain values in, plain values out, no database."""

from datetime import UTC, datetime, timedelta

import pytest

from tracker.rules.two_factor import (
    CodeKind,
    code_kind,
    code_step_locked,
    normalise_code,
    secret_for_typing,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
COOLOFF = timedelta(minutes=15)


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("123 456", CodeKind.APP),
        ("123-456", CodeKind.APP),
        ("ABCD-EF23", CodeKind.RECOVERY),
        ("abcdef23", CodeKind.RECOVERY),
        ("12345", CodeKind.INVALID),
        ("1234567", CodeKind.INVALID),
        ("abcdef18", CodeKind.INVALID),  # 1 and 8 are not base32
        ("", CodeKind.INVALID),
    ],
)
def test_it_tells_an_app_code_from_a_recovery_code(typed, kind):
    assert code_kind(normalise_code(typed)) == kind


def test_it_shows_the_secret_in_base32_groups_of_four():
    assert secret_for_typing(b"12345678901234567890") == ("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ")


@pytest.mark.parametrize(
    ("failures", "ago", "locked"),
    [
        (4, timedelta(seconds=1), False),  # under the limit
        (5, timedelta(minutes=14), True),  # at the limit, within the cool-off
        (5, timedelta(minutes=15), False),  # the cool-off is over
        (9, timedelta(minutes=1), True),
    ],
)
def test_the_code_step_locks_at_the_limit_until_the_cool_off_ends(failures, ago, locked):
    assert (
        code_step_locked(
            failures=failures, last_failure=NOW - ago, now=NOW, limit=5, cooloff=COOLOFF
        )
        == locked
    )


def test_no_failure_time_means_no_lock():
    assert not code_step_locked(failures=7, last_failure=None, now=NOW, limit=5, cooloff=COOLOFF)
