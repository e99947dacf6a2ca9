"""Situations past the drug's outer course limit, for the status tests
(tests/tracker/test_rules_status.py): the first line asks for the prescriber and, when the
drug's reference data says stopping after that long risks withdrawal and no taper plan exists,
warns against stopping suddenly."""

from dataclasses import replace

from tests.tracker.status_cases import LIMITS, NOW, _at, _last, situation
from tracker.rules.status import Action, Status

PAST_LIMIT_CASES = [
    # (name, situation, now, status, action, next step)
    (
        "day 22, past the hard limit",
        situation(22),
        NOW,
        Status.DANGER,
        Action.ASK,
        "Talk to your prescriber about stopping: day 22, past the 21-day limit.",
    ),
    (
        "day 22, past the hard limit, of a drug whose abrupt stop risks withdrawal",
        situation(22, limits=replace(LIMITS, taper_advised=True, taper_threshold_days=14)),
        NOW,
        Status.DANGER,
        Action.ASK,
        "Talk to your prescriber about stopping: day 22, past the 21-day limit. Do not stop "
        "suddenly on your own: ask about a taper.",
    ),
    (
        "the same with a taper plan, in force or still to start: the plan says how to stop",
        situation(
            22,
            limits=replace(LIMITS, taper_advised=True, taper_threshold_days=14),
            has_taper_plan=True,
        ),
        NOW,
        Status.DANGER,
        Action.ASK,
        "Talk to your prescriber about stopping: day 22, past the 21-day limit.",
    ),
    (
        "past the hard limit, on the drug's taper threshold day itself",
        situation(22, limits=replace(LIMITS, taper_advised=True, taper_threshold_days=22)),
        NOW,
        Status.DANGER,
        Action.ASK,
        "Talk to your prescriber about stopping: day 22, past the 21-day limit.",
    ),
    (
        "past the hard limit, a taper advised but no threshold on record",
        situation(22, limits=replace(LIMITS, taper_advised=True)),
        NOW,
        Status.DANGER,
        Action.ASK,
        "Talk to your prescriber about stopping: day 22, past the 21-day limit.",
    ),
    (
        "past the hard limit, but not past the drug's taper threshold",
        situation(22, limits=replace(LIMITS, taper_advised=True, taper_threshold_days=30)),
        NOW,
        Status.DANGER,
        Action.ASK,
        "Talk to your prescriber about stopping: day 22, past the 21-day limit.",
    ),
    (
        "past the hard limit and too soon",
        situation(23, **_last(_at(11))),
        NOW,
        Status.DANGER,
        Action.STOP,
        "Talk to your prescriber about stopping: day 23, past the 21-day limit.",
    ),
]
