"""The interaction matcher as a pure function: plain agents and rules, no database."""

from drugs.interactions import Agent, Combination, Rule, Side, check

CARIS, XANAX_DRUG, OXY, OMEP, BACLOFEN = 1, 2, 3, 4, 5
BENZO, OPIOID, CNS, CYP = 10, 11, 12, 13

caris = Agent("course:1", "carisoprodol (your course)", frozenset({CARIS}), frozenset({CNS}))
xanax = Agent("comed:1", "Xanax (alprazolam)", frozenset({XANAX_DRUG}), frozenset({BENZO, CNS}))
oxy = Agent("comed:2", "oxycodone", frozenset({OXY}), frozenset({OPIOID, CNS}))
omep = Agent("comed:3", "Prilosec (omeprazole)", frozenset({OMEP}), frozenset({CYP}))
baclofen = Agent("comed:4", "baclofen", frozenset({BACLOFEN}), frozenset({CNS}))
unknown = Agent("comed:5", "Grandma's tea", frozenset())


def rule(id, a, b, severity="moderate"):
    return Rule(id, a, b, severity, f"effect {id}", f"advice {id}", "Label", "SRC", f"rule {id}")


def drug(id):
    return Side(drug_id=id)


def cls(id):
    return Side(class_id=id)


def pairs(findings):
    return {(frozenset(a.key for a in f.agents), f.severity) for f in findings}


def test_drug_to_drug():
    [found] = check([caris, baclofen], [rule(1, drug(CARIS), drug(BACLOFEN), "major")])
    assert found.severity == "major" and found.effect == "effect 1"


def test_drug_to_class_and_class_to_drug_both_match():
    for r in [rule(1, drug(CARIS), cls(BENZO), "major"), rule(1, cls(BENZO), drug(CARIS), "major")]:
        [found] = check([caris, xanax], [r])
        assert found.severity == "major"


def test_class_to_class():
    [found] = check([xanax, oxy], [rule(1, cls(BENZO), cls(OPIOID), "major")])
    assert {a.key for a in found.agents} == {"comed:1", "comed:2"}


def test_the_order_of_agents_does_not_matter():
    rules = [rule(1, drug(CARIS), cls(CYP))]
    assert pairs(check([caris, omep], rules)) == pairs(check([omep, caris], rules))


def test_a_pair_matched_by_several_rules_is_reported_once_at_the_highest_severity():
    rules = [
        rule(1, drug(CARIS), cls(CNS), "moderate"),
        rule(2, drug(CARIS), drug(BACLOFEN), "major"),
    ]
    [found] = check([caris, baclofen], rules)
    assert found.severity == "major"
    assert found.effect == "effect 2"
    assert found.rule_labels == ("rule 2", "rule 1")


def test_co_medications_are_checked_against_each_other():
    rules = [rule(1, cls(BENZO), cls(OPIOID), "major")]
    findings = check([caris, xanax, oxy], rules)
    assert pairs(findings) == {(frozenset({"comed:1", "comed:2"}), "major")}


def test_the_three_way_combination_comes_first_above_the_pairs():
    rules = [
        rule(1, drug(CARIS), cls(BENZO), "major"),
        rule(2, drug(CARIS), cls(OPIOID), "major"),
    ]
    combo = Combination(
        7,
        "Opioid + benzodiazepine + carisoprodol",
        (drug(CARIS), cls(OPIOID), cls(BENZO)),
        "major",
        "deadly",
        "do not",
        "Label",
        "SRC",
    )
    findings = check([xanax, caris, oxy], rules, [combo])
    assert findings[0].combination == "Opioid + benzodiazepine + carisoprodol"
    assert {a.key for a in findings[0].agents} == {"course:1", "comed:1", "comed:2"}
    assert len(findings) == 3


COMBO = Combination(
    7, "combo", (drug(CARIS), cls(OPIOID), cls(BENZO)), "major", "e", "a", "Label", "SRC"
)


def test_the_combination_needs_every_member_and_two_things_taken():
    assert check([caris, xanax], [], [COMBO]) == []  # no opioid
    assert check([caris], [], [COMBO]) == []
    # One entry holding every member alone is one product, not a combination of things taken.
    everything = Agent("comed:9", "all in one", frozenset({CARIS, 99}), frozenset({OPIOID, BENZO}))
    assert check([everything], [], [COMBO]) == []


def test_one_entry_holding_an_opioid_and_a_benzodiazepine_fills_both_places():
    """ "Xanax and Percocet" typed as one entry beside a carisoprodol course."""
    both = Agent(
        "comed:9", "xanax and percocet", frozenset({XANAX_DRUG, OXY}), frozenset({OPIOID, BENZO})
    )
    [found] = check([caris, both], [], [COMBO])
    assert found.combination == "combo"
    assert found.agent_keys == {"course:1", "comed:9"}


def test_a_product_holding_carisoprodol_and_an_opioid_with_a_benzodiazepine_is_the_combination():
    """Soma Compound with Codeine taken with Xanax, without a carisoprodol course."""
    compound = Agent(
        "comed:8", "Soma Compound with Codeine", frozenset({CARIS, 98}), frozenset({OPIOID})
    )
    [found] = check([compound, xanax], [], [COMBO])
    assert found.agent_keys == {"comed:8", "comed:1"}


def test_each_member_names_a_different_thing_taken_when_there_is_one():
    [found] = check([caris, oxy, xanax, percocet], [], [COMBO])
    assert len(found.agents) == 3 and len(found.agent_keys) == 3


def test_an_unknown_name_matches_nothing_and_breaks_nothing():
    rules = [rule(1, drug(CARIS), cls(BENZO), "major")]
    assert pairs(check([caris, unknown, xanax], rules)) == {
        (frozenset({"course:1", "comed:1"}), "major")
    }


def test_nothing_matching_gives_no_findings():
    assert check([caris, omep], [rule(1, drug(CARIS), cls(BENZO))]) == []


def test_findings_are_ordered_most_severe_first():
    rules = [
        rule(1, drug(CARIS), cls(CYP), "moderate"),
        rule(2, drug(CARIS), cls(BENZO), "major"),
        rule(3, cls(BENZO), cls(CYP), "minor"),
    ]
    findings = check([omep, caris, xanax], rules)
    assert [f.severity for f in findings] == ["major", "moderate", "minor"]


APAP, ANALGESIC = 6, 14
percocet = Agent(
    "comed:6", "Percocet (oxycodone + acetaminophen)", frozenset({OXY, APAP}), frozenset({OPIOID})
)


def test_a_combination_product_is_checked_through_every_ingredient():
    rules = [rule(1, drug(CARIS), cls(OPIOID), "major"), rule(2, drug(CARIS), drug(APAP), "minor")]
    [finding] = check([caris, percocet], rules)
    assert finding.severity == "major"  # the worst of its ingredients' rules
    assert set(finding.rule_labels) == {"rule 1", "rule 2"}


def test_a_product_with_an_opioid_fills_the_opioid_place_of_the_triple_combination():
    combo = Combination(
        7, "combo", (drug(CARIS), cls(OPIOID), cls(BENZO)), "major", "e", "a", "Label", "SRC"
    )
    [found] = [f for f in check([caris, percocet, xanax], [], [combo]) if f.combination]
    assert found.agent_keys == {"course:1", "comed:6", "comed:1"}


def test_the_pairs_other_rules_are_said_too_when_they_say_something_else():
    """Soma Compound with Codeine beside a carisoprodol course: a duplicate of the course
    (the top rule) and an opioid with it, which must not hide behind the duplicate."""
    compound = Agent(
        "comed:8", "Soma Compound with Codeine", frozenset({CARIS, 98}), frozenset({OPIOID})
    )
    duplicate = Rule(
        1,
        drug(CARIS),
        drug(CARIS),
        "contraindicated",
        "Duplicate.",
        "Take one.",
        "Label",
        "SRC",
        "dup",
    )
    opioid = Rule(
        2,
        drug(CARIS),
        cls(OPIOID),
        "major",
        "Breathing slows.",
        "Avoid.",
        "Label",
        "SRC2",
        "opioid",
    )
    same_words = Rule(
        3, drug(CARIS), drug(98), "major", "Breathing slows.", "Avoid.", "Label", "SRC", "x"
    )
    [found] = check([caris, compound], [duplicate, opioid, same_words])
    assert (found.severity, found.effect) == ("contraindicated", "Duplicate.")
    assert [(a.severity, a.effect, a.source) for a in found.also] == [
        ("major", "Breathing slows.", "SRC2")
    ]
    assert found.rule_labels == ("dup", "opioid", "x")


def test_a_single_rule_has_nothing_else_to_say():
    [found] = check([caris, baclofen], [rule(1, drug(CARIS), drug(BACLOFEN), "major")])
    assert found.also == ()
