"""The drugs app's models, in two modules along the line the domain draws."""

from drugs.models.interactions import (
    SEVERITY_RANK,
    Combination,
    CombinationMember,
    Evidence,
    Interaction,
    ReferenceVersion,
    Severity,
)
from drugs.models.reference import Drug, DrugAlias, DrugClass, DrugFact, Kind, Schedule, Source

__all__ = [
    "SEVERITY_RANK",
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
