"""The drugs app's models, in two modules along the line the domain draws."""

from drugs.models.interactions import (
    Combination,
    CombinationMember,
    Evidence,
    Interaction,
    ReferenceVersion,
)
from drugs.models.reference import Drug, DrugAlias, DrugClass, DrugFact, Kind, Schedule, Source
from drugs.severity import Severity

__all__ = [
    "Combination",
    "CombinationMember",
    "Drug",
    "DrugAlias",
    "DrugClass",
    "DrugFact",
    "Evidence",
    "Interaction",
    "Kind",
    "ReferenceVersion",
    "Schedule",
    "Severity",
    "Source",
]
