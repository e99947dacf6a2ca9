"""Symptoms a patient records: which are urgent, and each offered once.

A symptom is urgent, and the patient is told to get help now, when it is a stop-and-seek-care
symptom or a sign of overdose, or when reference data marks it urgent (severe withdrawal:
seizures, hallucinations, psychosis). Never "mention it at your next visit" for those.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

SEEK_CARE = "seek_care"
OVERDOSE = "overdose"
URGENT_KINDS = frozenset({SEEK_CARE, OVERDOSE})


class HasText(Protocol):
    text: str


HasTextT = TypeVar("HasTextT", bound=HasText)


@dataclass(frozen=True)
class Symptom:
    kind: str
    text: str
    urgent: bool = False  # marked urgent in reference data, whatever its kind


def is_urgent(symptom: Symptom) -> bool:
    return symptom.urgent or symptom.kind in URGENT_KINDS


def urgent_among(symptoms: Iterable[Symptom]) -> list[Symptom]:
    """Return the urgent symptoms, in the order given."""
    return [s for s in symptoms if is_urgent(s)]


_PARENTHESES = re.compile(r"\([^)]*\)")


def _words(text: str) -> frozenset[str]:
    """Return what a symptom names, without its explanation in brackets, plural or case:
    'Seizure or convulsions' names {'seizure', 'convulsion'}."""
    plain = _PARENTHESES.sub("", text).casefold()
    names = set()
    for part in re.split(r"\s+or\s+|,|/", plain):
        part = " ".join(part.split())
        if part.endswith("s") and not part.endswith("ss"):
            part = part[:-1]
        if part:
            names.add(part)
    return frozenset(names)


def offered_once(symptoms: Iterable[HasTextT]) -> list[HasTextT]:
    """Return the symptoms with each one offered once: a symptom that names something already
    offered (same words, or one of the names of an earlier 'X or Y') is left out. Give them most
    serious group first, so the one kept is the most serious. An urgent symptom is never left
    out for one that is not: it is offered beside it."""
    seen: dict[str, bool] = {}  # a name offered → whether a symptom offering it is urgent
    kept = []
    for symptom in symptoms:
        words = _words(symptom.text)
        urgent = is_urgent(
            Symptom(getattr(symptom, "kind", ""), symptom.text, getattr(symptom, "urgent", False))
        )
        covering = [seen[w] for w in words if w in seen]
        if covering and (all(covering) or not urgent):
            continue
        for word in words:
            seen[word] = seen.get(word, False) or urgent
        kept.append(symptom)
    return kept
