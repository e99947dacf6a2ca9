"""Canonical keys for the two sides of an interaction rule, so (A, B) and (B, A) are one rule."""


def side_key(drug_id: int | None, class_id: int | None) -> str:
    """Return 'd<id>' for a drug side or 'c<id>' for a class side."""
    if (drug_id is None) == (class_id is None):
        raise ValueError("A side is exactly one of a drug or a class.")
    return f"d{drug_id}" if drug_id is not None else f"c{class_id}"


def pair_key(a: str, b: str) -> str:
    """Return the order-free key of two sides."""
    return "|".join(sorted((a, b)))
