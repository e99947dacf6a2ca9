"""How a hostile export file is made: the victim it starts from, and a case per file.

Most cases change one thing in a valid export (the victim's own, so every date and symptom in
it is real); the rest are raw bytes no export can be. Each case says whether the import must
refuse it, and a fragment of the message the form must show; a few must import, cleaned.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Victim:
    """The second user's ids and export, which hostile files point at or start from."""

    export: dict
    user_id: int
    course_id: int
    dose_id: int
    dose_token: str
    plan_id: int
    step_id: int
    checkin_id: int
    comed_id: int
    fact_ids: list[int]
    calendar_token: str
    foreign_symptom: list[str]  # a real symptom of another drug
    not_a_symptom: list[str]  # a real fact of the course drug that is not a symptom (advice)
    other_drug: str  # a real drug that no course can be started with


@dataclass(frozen=True)
class Case:
    name: str
    body: Callable[[Victim], bytes]
    says: str = ""  # a fragment of the refusal the form shows
    accepted: bool = False  # the file imports: only into the importer, cleaned as the app does
    checks: dict = field(default_factory=dict)  # for an accepted file: values of its first dose


CASES: list[Case] = []


def dumps(data) -> bytes:
    return json.dumps(data).encode()  # escapes what is not ASCII: even lone surrogates


def copy_of(victim: Victim) -> dict:
    return json.loads(json.dumps(victim.export))


# Where a change goes: the first record of each kind in the victim's export.
TARGETS = {
    "file": lambda d: d,
    "account": lambda d: d["account"],
    "profile": lambda d: d["profile"],
    "course": lambda d: d["courses"][0],
    "dose": lambda d: d["courses"][0]["doses"][0],
    "plan": lambda d: d["courses"][0]["taper_plan"],
    "step": lambda d: d["courses"][0]["taper_plan"]["steps"][0],
    "checkin": lambda d: d["courses"][0]["checkins"][0],
    "comedication": lambda d: d["comedications"][0],
}
WHERE = {
    "file": "The file",
    "account": "Account",
    "profile": "Profile",
    "course": "Course 1",
    "dose": "Course 1, dose 1",
    "plan": "Course 1, taper plan",
    "step": "Course 1, taper step 1",
    "checkin": "Course 1, check-in 1",
    "comedication": "Co-medication 1",
}


def changed(name: str, target: str, key: str, value, says: str = "", **kwargs) -> None:
    """Register a case setting one field of one record; value may be a function of the victim."""

    def body(victim: Victim) -> bytes:
        data = copy_of(victim)
        TARGETS[target](data)[key] = value(victim) if callable(value) else value
        return dumps(data)

    CASES.append(Case(name, body, says.replace("{where}", WHERE[target]), **kwargs))


def removed(name: str, target: str, key: str) -> None:
    def body(victim: Victim) -> bytes:
        data = copy_of(victim)
        del TARGETS[target](data)[key]
        return dumps(data)

    CASES.append(Case(name, body, f"{WHERE[target]}: missing field “{key}”."))


def raw(name: str, says: str, build: Callable[[Victim], bytes]) -> None:
    CASES.append(Case(name, build, says))


def unknown(key: str) -> str:
    return f"{{where}}: unknown field “{key}”."
