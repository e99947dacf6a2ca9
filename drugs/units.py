from decimal import Decimal


def plain(value) -> Decimal:
    """Return the number without trailing zeros and never in exponent form: 350.00 → 350."""
    number = Decimal(str(value)).normalize()
    return Decimal(f"{number:f}")
