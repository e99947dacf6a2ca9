"""Caution scenarios, against the pure rule (tracker/rules/cautions.py): the answers kept with
a course at its start become one caution each on the dashboard, with the source the patient
was shown, for as long as the course lasts.

An answer is kept as "Applies to me: <the reference caution> [<its source>]" (the course form
writes it so; an import may bring one without a source). Anything else kept with the course,
such as "none applies" or an old course's "discussed" tick, is not a caution that applies.
"""

import pytest

from tracker.rules.cautions import CAUTION_APPLIES, caution_findings
from tracker.rules.findings import Level

KIDNEY = "Kidney disease (not studied; use with caution)"
BREASTFEEDING = (
    "Breastfeeding (carisoprodol and meprobamate pass into breast milk; watch the baby for "
    "sleepiness)"
)
EDITED = "edited by a reference editor on 3 March 2026"


def kept(text: str, source: str | None = None) -> str:
    """Return an answer as the course keeps it."""
    return f"{CAUTION_APPLIES}{text}" + (f" [{source}]" if source is not None else "")


# (id, answers kept with the course, expected (text, source) of each caution, in order)
SCENARIOS = [
    # Nothing ticked, or only the contraindication question answered: no caution to show.
    ("no answers at all", [], []),
    ("only 'no contraindication applies'", ["Contraindications: none applies"], []),
    # An old course's tick said a caution was discussed, not that it applies to the patient.
    ("an old course's 'discussed' tick", ["Caution: Sleep apnea [PATIENT-PAGE]"], []),
    # One that applies, with its source: the patient sees where it comes from.
    (
        "one caution with the label as source",
        [kept(KIDNEY, "SOMA-LABEL")],
        [(KIDNEY, "SOMA-LABEL")],
    ),
    (
        "one caution among the other answers",
        ["Contraindications: none applies", kept("Sleep apnea", "PATIENT-PAGE")],
        [("Sleep apnea", "PATIENT-PAGE")],
    ),
    # Without a source (an import, or a fact kept before sources) the caution still shows:
    # hiding it would hide what the patient said applies to them.
    ("a caution without a source", [kept("Sleep apnea")], [("Sleep apnea", "")]),
    ("a caution with an empty source", [kept("Sleep apnea", "")], [("Sleep apnea", "")]),
    # Several: each one, in the order the patient answered.
    (
        "three cautions from three sources",
        [
            kept("Age over 65 (safety not established)", "SOMA-LABEL"),
            kept("History of drug abuse or addiction", "PATIENT-PAGE"),
            kept(
                "Known CYP2C19 poor metabolizer (about 4 times the carisoprodol exposure)",
                "NCBI-CYP2C19",
            ),
        ],
        [
            ("Age over 65 (safety not established)", "SOMA-LABEL"),
            ("History of drug abuse or addiction", "PATIENT-PAGE"),
            (
                "Known CYP2C19 poor metabolizer (about 4 times the carisoprodol exposure)",
                "NCBI-CYP2C19",
            ),
        ],
    ),
    (
        "the same caution kept twice is shown twice, as kept",
        [kept("Sleep apnea", "PATIENT-PAGE")] * 2,
        [("Sleep apnea", "PATIENT-PAGE")] * 2,
    ),
    # Odd text: only the last bracket, at the very end, is the source.
    (
        "brackets inside the text",
        [kept("Seizures [any, even one] in the past", "SOMA-LABEL")],
        [("Seizures [any, even one] in the past", "SOMA-LABEL")],
    ),
    (
        "brackets inside, no source at the end",
        [kept("Seizures [any, even one] in the past")],
        [("Seizures [any, even one] in the past", "")],
    ),
    (
        "parentheses and a semicolon in a long caution",
        [kept(BREASTFEEDING, "SOMA-LABEL")],
        [(BREASTFEEDING, "SOMA-LABEL")],
    ),
    # A source an editor replaced keeps its words in the brackets.
    (
        "the source an editor left as a note",
        [kept("Liver disease (not studied; use with caution)", EDITED)],
        [("Liver disease (not studied; use with caution)", EDITED)],
    ),
    # Unicode text is the patient's language, kept as it is.
    (
        "accents and a dash",
        [kept("Grossesse — données insuffisantes, éviter", "SOMA-LABEL")],
        [("Grossesse — données insuffisantes, éviter", "SOMA-LABEL")],
    ),
    (
        "Japanese text",
        [kept("睡眠時無呼吸症候群", "PATIENT-PAGE")],
        [("睡眠時無呼吸症候群", "PATIENT-PAGE")],
    ),
    # An imported answer may carry a line break; the caution must not vanish because of it.
    (
        "a line break inside the text",
        [kept("Seizures in the past\n(mostly with overdose)", "SOMA-LABEL")],
        [("Seizures in the past\n(mostly with overdose)", "SOMA-LABEL")],
    ),
    # Only the exact kept form counts: a near miss is not an answer the course form wrote.
    ("a different prefix", ["applies to me: Sleep apnea [PATIENT-PAGE]"], []),
]


@pytest.mark.parametrize(
    ("answers", "expected"), [s[1:] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS]
)
def test_caution_scenario(answers, expected):
    findings = caution_findings(answers, "carisoprodol")
    assert [(f.code, f.level) for f in findings] == [("caution_applies", Level.CAUTION)] * len(
        expected
    )
    assert [f.source for f in findings] == [source for _, source in expected]
    for finding, (text, _) in zip(findings, expected, strict=True):
        assert f"applies to you: {text}. It matters with carisoprodol" in finding.message


def test_the_message_names_the_drug_it_is_shown_for():
    [finding] = caution_findings([kept("Sleep apnea", "PATIENT-PAGE")], "Soma")
    assert "It matters with Soma:" in finding.message
