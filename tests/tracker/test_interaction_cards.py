"""The tag that draws an interaction found on the co-medications page and the course summary."""

import re

import pytest
from django.template import Context, Template

from drugs.interactions import Agent, AlsoMatched, InteractionFinding


def _agent(label: str, key: str) -> Agent:
    return Agent(key=key, label=label, drug_ids=frozenset(), class_ids=frozenset())


def _found(**changes) -> InteractionFinding:
    values = {
        "agents": (_agent("carisoprodol (your course)", "course:1"), _agent("Xanax", "comed:2")),
        "severity": "major",
        "effect": "Deeper sedation and slowed breathing.",
        "advice": "Do not take them together unless your prescriber says so.",
        "evidence": "Established",
        "source": "Soma label",
        "rule_labels": ("carisoprodol + benzodiazepines",),
    }
    return InteractionFinding(**{**values, **changes})


def _card(found: InteractionFinding) -> str:
    html = Template("{% load interaction_cards %}{% interaction_card found %}")
    return re.sub(r"\s+", " ", html.render(Context({"found": found})))


@pytest.mark.parametrize(
    "severity, level",
    [
        ("contraindicated", "danger"),
        ("major", "danger"),
        ("moderate", "warning"),
        ("minor", "caution"),
    ],
)
def test_the_card_takes_the_level_of_its_severity(severity, level):
    html = _card(_found(severity=severity))
    assert f'class="alert finding finding-{level} mb-2 interaction" role="note"' in html
    assert f'<span class="badge severity severity-{severity}">{severity.title()}</span>' in html


def test_a_pair_names_both_agents_with_what_happens_what_to_do_and_the_source():
    html = _card(_found())
    assert "<strong>carisoprodol (your course) + Xanax</strong>: " in html
    assert "Deeper sedation and slowed breathing. <em>Do not take them together" in html
    assert '<div class="small">Source: Soma label (established)</div>' in html
    assert "Dangerous combination" not in html
    assert "rules:" not in html  # one rule: its label would repeat the agents


def test_a_dangerous_combination_says_so_first_whatever_the_severity_of_its_rule():
    agents = (_agent("carisoprodol", "course:1"), _agent("Vicodin", "c:2"), _agent("Xanax", "c:3"))
    html = _card(
        _found(severity="moderate", combination="opioid + benzo + carisoprodol", agents=agents)
    )
    assert "finding-danger" in html
    assert "Most dangerous combination</span>" in html
    assert html.index("Most dangerous") < html.index("<strong>Dangerous combination: opioid")
    assert "<strong>carisoprodol + Vicodin + Xanax</strong>" in html


def test_the_other_rules_of_the_pair_and_their_labels_are_shown():
    also = AlsoMatched("benzodiazepines", "moderate", "Dizziness.", "Do not drive.", "NIH")
    html = _card(_found(also=(also,), rule_labels=("rule one", "rule two")))
    assert (
        '<div class="also-matched mt-1"><span class="badge severity severity-moderate">Moderate'
        '</span> Also: Dizziness. <em>Do not drive.</em> <span class="small">(NIH)</span></div>'
    ) in html
    assert "(established); rules: rule one; rule two</div>" in html


def test_what_a_patient_typed_is_shown_as_text_never_as_markup():
    typed = _agent('<img src=x onerror="alert(1)">', "comed:9")
    html = _card(_found(agents=(_agent("carisoprodol", "course:1"), typed)))
    assert "<img" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
