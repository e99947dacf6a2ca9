"""Which numbers to offer a patient in an emergency.

The app is set up with one country's numbers (EMERGENCY_NUMBER and POISON_HELP_NUMBER, for
EMERGENCY_COUNTRY_CODE). A patient whose time zone lies in another country is not offered
them: a number that rings nowhere where they are costs minutes when minutes matter. They are
told to call their local emergency number instead, and which country the app's numbers are for.
A time zone that names no country (UTC, Etc/GMT+5) keeps the app's numbers, with their country.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Numbers:
    country: str  # the country they ring in, as the banner names it
    emergency: str
    poison_help: str


@dataclass(frozen=True)
class Offer:
    numbers: Numbers | None  # None: the patient is told to call their local emergency number
    patient_country: str  # the country of the patient's time zone; "" when it names none


def emergency_offer(
    zone_country: tuple[str, str] | None, deployment: Numbers, deployment_code: str
) -> Offer:
    """Return the numbers to offer a patient whose time zone lies in `zone_country` (its ISO
    code and name, or None), given the app's numbers and the ISO code of their country."""
    if zone_country is None:
        return Offer(deployment, "")
    code, name = zone_country
    return Offer(deployment if code == deployment_code else None, name)
