"""The interaction matcher: plain values in, findings out. No ORM, no request.

Everything a person takes is an Agent (a course drug or a co-medication) with the ids of its
ingredients (one for a plain drug, several for a combination product such as Percocet) and
their class ids. A Rule names a drug or a class on each side and matches in either order. Every
pair of agents is checked; a pair matched by several rules is reported once, at the highest
severity, naming all the rules. A Combination is reported above the pairs when each of its
members is matched by an ingredient of something taken and at least two things taken are
involved: "Xanax and Percocet" typed as one entry beside a carisoprodol course is the
opioid + benzodiazepine + carisoprodol combination; one product on its own is not.
"""

from dataclasses import dataclass
from itertools import combinations as pairs_of

from drugs.severity import Severity

NO_FINDING_WORDING = "No interaction found in our reference data."


@dataclass(frozen=True)
class Side:
    drug_id: int | None = None
    class_id: int | None = None

    def matches(self, agent: "Agent") -> bool:
        if self.drug_id is not None:
            return self.drug_id in agent.drug_ids
        return self.class_id in agent.class_ids


@dataclass(frozen=True)
class Agent:
    key: str  # stable id of the thing taken, e.g. "course:3" or "comed:7"
    label: str
    drug_ids: frozenset[int]  # its ingredients; empty when it could not be checked
    class_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Rule:
    id: int
    a: Side
    b: Side
    severity: str
    effect: str
    advice: str
    evidence: str
    source: str
    label: str

    @property
    def rank(self) -> int:
        return Severity(self.severity).rank


@dataclass(frozen=True)
class Combination:
    id: int
    name: str
    members: tuple[Side, ...]
    severity: str
    effect: str
    advice: str
    evidence: str
    source: str


@dataclass(frozen=True)
class AlsoMatched:
    """Another rule matching the same pair, with words of its own: a product holding
    carisoprodol and codeine is a duplicate of the course and an opioid with it."""

    label: str
    severity: str
    effect: str
    advice: str
    source: str


@dataclass(frozen=True)
class InteractionFinding:
    agents: tuple[Agent, ...]
    severity: str
    effect: str
    advice: str
    evidence: str
    source: str
    rule_labels: tuple[str, ...]
    combination: str = ""  # the combination's name, for a combination finding
    also: tuple[AlsoMatched, ...] = ()  # the pair's other rules that say something else

    @property
    def rank(self) -> int:
        return Severity(self.severity).rank

    @property
    def agent_keys(self) -> frozenset[str]:
        return frozenset(a.key for a in self.agents)

    def involves(self, key: str) -> bool:
        return key in self.agent_keys


def _pair_finding(x: Agent, y: Agent, rules: list[Rule]) -> InteractionFinding | None:
    matched = [
        rule
        for rule in rules
        if (rule.a.matches(x) and rule.b.matches(y)) or (rule.a.matches(y) and rule.b.matches(x))
    ]
    if not matched:
        return None
    matched.sort(key=lambda r: (-r.rank, r.id))
    top = matched[0]
    said = {top.effect}
    also = []
    for rule in matched[1:]:
        if rule.effect not in said:  # a class rule repeating a drug rule's words adds nothing
            said.add(rule.effect)
            also.append(
                AlsoMatched(rule.label, rule.severity, rule.effect, rule.advice, rule.source)
            )
    return InteractionFinding(
        agents=(x, y),
        severity=top.severity,
        effect=top.effect,
        advice=top.advice,
        evidence=top.evidence,
        source=top.source,
        rule_labels=tuple(r.label for r in matched),
        also=tuple(also),
    )


def _assign(members: tuple[Side, ...], agents: list[Agent]) -> tuple[Agent, ...] | None:
    """Return the agents involved when every member is matched by one of them and at least
    two agents take part, or None. Each member takes a matching agent not yet used when there
    is one, so that the combination names everything that makes it up."""
    chosen: list[Agent] = []
    for member in members:
        matching = [a for a in agents if member.matches(a)]
        if not matching:
            return None
        fresh = [a for a in matching if a not in chosen]
        chosen.append(fresh[0] if fresh else matching[0])
    involved = tuple(dict.fromkeys(chosen))
    return involved if len(involved) >= 2 else None


def _combination_findings(agents: list[Agent], combos: list[Combination]):
    findings = []
    for combo in combos:
        matched = _assign(combo.members, agents)
        if matched is not None:
            findings.append(
                InteractionFinding(
                    agents=matched,
                    severity=combo.severity,
                    effect=combo.effect,
                    advice=combo.advice,
                    evidence=combo.evidence,
                    source=combo.source,
                    rule_labels=(combo.name,),
                    combination=combo.name,
                )
            )
    return findings


def check(
    agents: list[Agent], rules: list[Rule], combinations: list[Combination] = ()
) -> list[InteractionFinding]:
    """Return every interaction among the agents: combinations first, then pairs by severity."""
    checkable = [a for a in agents if a.drug_ids]
    found = [
        finding
        for x, y in pairs_of(checkable, 2)
        if (finding := _pair_finding(x, y, rules)) is not None
    ]
    found.sort(key=lambda f: (-f.rank, f.agents[0].label, f.agents[1].label))
    return _combination_findings(checkable, list(combinations)) + found
