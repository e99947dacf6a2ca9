"""Share links' rules: how long a link may last, whether it opens, a token's shape (no database)."""

import secrets
from datetime import UTC, datetime, timedelta

import pytest

from tracker.rules.sharing import (
    LinkStatus,
    days_problem,
    expires_at,
    link_status,
    looks_like_token,
)

MADE = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("days", [1, 7, 30])
def test_it_allows_one_to_thirty_days(days):
    assert days_problem(days) is None


@pytest.mark.parametrize("days", [0, -1, 31, 365])
def test_it_refuses_a_length_outside_one_to_thirty_days(days):
    assert days_problem(days) == "Choose how long the link works: 1 to 30 days."


def test_a_link_expires_the_chosen_number_of_days_after_it_was_made():
    assert expires_at(MADE, 7) == datetime(2026, 6, 8, 9, 0, tzinfo=UTC)


def test_it_opens_until_the_moment_it_expires_and_not_at_that_moment():
    end = expires_at(MADE, 1)
    just_before = end - timedelta(microseconds=1)
    assert link_status(expires_at=end, revoked_at=None, now=just_before) == LinkStatus.ACTIVE
    assert link_status(expires_at=end, revoked_at=None, now=end) == LinkStatus.EXPIRED


def test_a_revoked_link_is_revoked_even_after_it_would_have_expired():
    end = expires_at(MADE, 1)
    revoked = MADE + timedelta(hours=1)
    assert link_status(expires_at=end, revoked_at=revoked, now=revoked) == LinkStatus.REVOKED
    later = end + timedelta(days=3)
    assert link_status(expires_at=end, revoked_at=revoked, now=later) == LinkStatus.REVOKED


def test_a_made_token_has_the_shape_and_anything_else_does_not():
    assert looks_like_token(secrets.token_urlsafe(32))
    token = secrets.token_urlsafe(32)
    for wrong in (token[:-1], token + "A", token[:-1] + "!", token[:-1] + "/", "", "a" * 44):
        assert not looks_like_token(wrong), wrong
