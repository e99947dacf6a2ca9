"""Symptoms a patient records, against the pure rule (tracker/rules/symptoms.py) and the
carisoprodol symptoms of the project's reference data (drugs/reference/seed.json): signs of
overdose, stop-and-seek-care symptoms and severe withdrawal (seizures, hallucinations, psychosis)
lead to help now; side effects and milder withdrawal symptoms do not."""

import json
from pathlib import Path

import pytest

from tracker.rules.symptoms import Symptom, is_urgent, offered_once, urgent_among

SEED = Path(__file__).resolve().parents[2] / "drugs" / "reference" / "seed.json"
_CARISOPRODOL = next(
    d for d in json.loads(SEED.read_text())["drugs"] if d["generic_name"] == "carisoprodol"
)
SYMPTOM_KINDS = ["overdose", "seek_care", "withdrawal", "side_effect"]  # the check-in's order
SYMPTOMS = [
    Symptom(f["kind"], f["text"], f.get("urgent", False))
    for kind in SYMPTOM_KINDS
    for f in _CARISOPRODOL["facts"]
    if f["kind"] == kind
]


def _named(kind: str, start: str) -> Symptom:
    return next(s for s in SYMPTOMS if s.kind == kind and s.text.startswith(start))


URGENT = [
    ("overdose", "Slowed or shallow breathing"),
    ("overdose", "Irregular heartbeat"),
    ("overdose", "Extreme drowsiness"),
    ("overdose", "Loss of consciousness"),
    ("overdose", "Low blood pressure"),
    ("overdose", "Seizures"),
    ("seek_care", "Seizure or convulsions"),
    ("seek_care", "Severe allergic reaction"),
    ("seek_care", "Hallucinations"),
    ("seek_care", "Fast heartbeat"),
    ("seek_care", "Severe loss of coordination"),
    ("withdrawal", "Hallucinations"),
    ("withdrawal", "Psychosis"),
    ("withdrawal", "Seizures or convulsions"),
]
NOT_URGENT = [
    ("withdrawal", "Insomnia"),
    ("withdrawal", "Vomiting"),
    ("withdrawal", "Abdominal cramps"),
    ("withdrawal", "Tremors"),
    ("withdrawal", "Anxiety"),
    ("withdrawal", "Mood changes"),
    ("side_effect", "Drowsiness"),
    ("side_effect", "Dizziness"),
    ("side_effect", "Headache"),
    ("side_effect", "Nausea"),
    ("side_effect", "Dry mouth"),
    ("side_effect", "Loss of coordination"),
]


@pytest.mark.parametrize(("kind", "start"), URGENT, ids=[f"{k}: {s}" for k, s in URGENT])
def test_these_symptoms_send_the_patient_for_help_now(kind, start):
    assert is_urgent(_named(kind, start))


@pytest.mark.parametrize(("kind", "start"), NOT_URGENT, ids=[f"{k}: {s}" for k, s in NOT_URGENT])
def test_these_symptoms_are_recorded_without_alarm(kind, start):
    assert not is_urgent(_named(kind, start))


COMBINATIONS = [
    # symptoms ticked together → the urgent ones among them
    ("drowsy and dizzy", [("side_effect", "Drowsiness"), ("side_effect", "Dizziness")], []),
    (
        "drowsy, then extremely drowsy",
        [("side_effect", "Drowsiness"), ("overdose", "Extreme drowsiness")],
        ["Extreme drowsiness"],
    ),
    (
        "after stopping: insomnia and hallucinations",
        [("withdrawal", "Insomnia"), ("withdrawal", "Hallucinations")],
        ["Hallucinations"],
    ),
    (
        "after stopping: tremors, anxiety, vomiting",
        [("withdrawal", "Tremors"), ("withdrawal", "Anxiety"), ("withdrawal", "Vomiting")],
        [],
    ),
    (
        "after stopping: a seizure",
        [("withdrawal", "Muscle twitching"), ("withdrawal", "Seizures or convulsions")],
        ["Seizures or convulsions"],
    ),
    (
        "slow breathing and unconscious",
        [("overdose", "Slowed or shallow breathing"), ("overdose", "Loss of consciousness")],
        ["Slowed or shallow breathing", "Loss of consciousness"],
    ),
    (
        "rash and swelling",
        [("seek_care", "Severe allergic reaction"), ("side_effect", "Headache")],
        ["Severe allergic reaction (swelling, trouble breathing, rash)"],
    ),
    ("psychosis alone", [("withdrawal", "Psychosis")], ["Psychosis"]),
    ("nothing ticked", [], []),
]


@pytest.mark.parametrize(
    ("ticked", "urgent"), [row[1:] for row in COMBINATIONS], ids=[row[0] for row in COMBINATIONS]
)
def test_a_check_in_is_urgent_for_the_symptoms_that_need_help(ticked, urgent):
    symptoms = [_named(kind, start) for kind, start in ticked]
    assert [s.text for s in urgent_among(symptoms)] == [
        next(s.text for s in symptoms if s.text.startswith(start)) for start in urgent
    ]


def test_the_check_in_offers_each_symptom_once_keeping_the_most_serious():
    offered = offered_once(SYMPTOMS)
    texts = [s.text.casefold() for s in offered]
    assert len(texts) == len(set(texts))
    # A seizure is offered once, as a sign of overdose: the most serious group comes first.
    assert [s.kind for s in offered if "seizure" in s.text.casefold()] == ["overdose"]
    # Hallucinations are offered once, under stop and seek care, before withdrawal.
    assert [s.kind for s in offered if s.text == "Hallucinations"] == ["seek_care"]
    # Tremor (a side effect) and tremors (withdrawal) are one symptom.
    assert len([s for s in offered if s.text.casefold().startswith("tremor")]) == 1


def test_every_urgent_symptom_still_has_an_urgent_choice_after_deduplication():
    offered = offered_once(SYMPTOMS)
    for symptom in urgent_among(SYMPTOMS):
        twin = next(s for s in offered if offered_once([s, symptom]) == [s])
        assert is_urgent(twin), symptom


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        ("Seizures", "Seizure or convulsions", 1),
        ("Seizure or convulsions", "Convulsions", 1),
        ("Tremor", "Tremors", 1),
        ("Headache", "Headache (mild)", 1),
        ("Loss of coordination", "Severe loss of coordination", 2),
        ("Drowsiness", "Extreme drowsiness", 2),
        ("Dizziness", "Dizziness, lightheadedness", 1),
        ("Weakness", "Weakness", 1),
        ("Distress", "Stress", 2),
    ],
)
def test_names_are_compared_without_plurals_brackets_or_case(first, second, kept):
    assert len(offered_once([Symptom("a", first), Symptom("b", second)])) == kept


def test_an_urgent_symptom_is_never_hidden_behind_a_milder_one_with_the_same_words():
    milder = Symptom("withdrawal", "Anxiety or agitation")
    urgent = Symptom("withdrawal", "Agitation or psychosis", urgent=True)
    assert offered_once([milder, urgent]) == [milder, urgent]
    # Behind another urgent one it is a duplicate.
    assert offered_once([Symptom("overdose", "Agitation"), urgent]) == [
        Symptom("overdose", "Agitation")
    ]
