"""The drugs app's models, in modules along the lines the domain draws: reference rows,
products, and the interaction rules between them."""

from drugs.models.emergency import EmergencyNumbers
from drugs.models.interactions import (
    Combination,
    CombinationMember,
    Evidence,
    Interaction,
    ReferenceVersion,
)
from drugs.models.products import Product, ProductName
from drugs.models.reference import Drug, DrugAlias, DrugClass, DrugFact, Kind, Schedule, Source
from drugs.severity import Severity

__all__ = [
    "Combination",
    "CombinationMember",
    "Drug",
    "DrugAlias",
    "DrugClass",
    "DrugFact",
    "EmergencyNumbers",
    "Evidence",
    "Interaction",
    "Kind",
    "Product",
    "ProductName",
    "ReferenceVersion",
    "Schedule",
    "Severity",
    "Source",
]
