"""A course's one status, its next step and the log action, from plain values (no database).
The situations are in tests/tracker/status_cases.py and, past the course limit,
tests/tracker/status_cases_past_limit.py."""

import pytest

from tests.tracker.status_cases import (
    ABOVE_DOSE,
    AT_MAX_TODAY,
    CASES,
    CAUTION,
    COMBINATION,
    LIMITS,
    MAJOR,
    MODERATE,
    NOW,
    SUPPLY,
    ZONE,
    _at,
    _last,
    situation,
)
from tests.tracker.status_cases_past_limit import PAST_LIMIT_CASES
from tracker.rules.course_day import course_day_findings
from tracker.rules.findings import Finding, Level
from tracker.rules.status import Action, Status, course_status, finding_groups


@pytest.mark.parametrize(
    "situation, now, status, action, next_step",
    [case[1:] for case in CASES + PAST_LIMIT_CASES],
    ids=[case[0] for case in CASES + PAST_LIMIT_CASES],
)
def test_the_status_and_next_step_follow_the_situation(situation, now, status, action, next_step):
    shown = course_status(situation, now, ZONE)
    assert (shown.status, shown.action, shown.next_step) == (status, action, next_step)


@pytest.mark.parametrize(
    "values, shown",
    [
        (_last(_at(11)), True),  # too soon: its time is the point
        (AT_MAX_TODAY, False),  # none today, whatever the gap
        ({"urgent": True}, False),
    ],
)
def test_the_next_dose_time_shows_only_when_it_matters(values, shown):
    assert course_status(situation(3, **values), NOW, ZONE).spacing_matters is shown


def test_there_are_enough_situations():
    assert len(CASES) >= 25


@pytest.mark.parametrize(
    "status, action, contact_first",
    [
        (Status.DANGER, Action.STOP, True),
        (Status.WARNING, Action.STOP, True),
        (Status.ON_TRACK, Action.STOP, False),  # too soon: wait, nobody to call
        (Status.DANGER, Action.ASK, True),
        (Status.WARNING, Action.LOG, False),
    ],
)
def test_the_prescriber_comes_first_when_the_status_is_serious(status, action, contact_first):
    from tracker.rules.status import CourseStatus

    assert CourseStatus(status, "", action, "").contact_first is contact_first


def test_every_status_says_itself_in_words_and_an_icon():
    assert [s.label for s in Status] == [
        "On track",
        "Note",
        "Caution",
        "Warning",
        "Danger",
        "Get help now",
    ]
    assert {s.icon for s in Status} == {"check", "info", "warning", "danger"}


def test_findings_are_grouped_by_kind_once_each_most_serious_group_first():
    findings = [
        *course_day_findings(16, LIMITS),
        CAUTION,
        MAJOR,
        MAJOR,  # the same interaction reached twice
        COMBINATION,
        SUPPLY,
        Finding(Level.CAUTION, "taper_proposed", "Day 16: ask how to stop."),
    ]
    groups = finding_groups(findings)
    assert [(g.title, [f.code for f in g.findings]) for g in groups] == [
        ("Interactions", ["combination", "interaction"]),
        ("Course length", ["course_limit_reached"]),
        ("Taper", ["taper_proposed"]),
        ("Symptoms and cautions", ["caution_applies"]),
        ("Prescription", ["supply_runs_out"]),
    ]


def test_a_finding_headline_is_its_first_sentence():
    assert MAJOR.headline == "Carisoprodol + Xanax (alprazolam): Additive sedation."
    assert MAJOR.details == "Avoid unless your prescriber knows."
    assert ABOVE_DOSE.details == ""


def test_a_danger_says_when_to_call_in_its_own_advice():
    shown = course_status(situation(3, COMBINATION), NOW, ZONE)
    assert shown.reason == "combination"
    assert shown.emergency == "If someone is very drowsy, call emergency services."
    assert "call emergency" not in shown.next_step


@pytest.mark.parametrize("extra", [(), (MAJOR,), (MODERATE,), (CAUTION,), (SUPPLY,)])
def test_nothing_else_adds_a_call_line(extra):
    assert course_status(situation(3, *extra), NOW, ZONE).emergency == ""


def test_a_danger_interaction_with_two_clauses_of_advice_adds_no_call_line():
    serious = Finding(
        Level.DANGER,
        "interaction",
        "Carisoprodol + OxyContin: Additive CNS and respiratory depression.",
        severity="major",
        advice="Serious: ask your prescriber about an alternative; do not combine without "
        "their supervision.",
    )
    shown = course_status(situation(3, serious), NOW, ZONE)
    assert shown.reason == "interaction" and shown.emergency == ""
