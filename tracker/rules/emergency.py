"""Which numbers to offer a patient in an emergency.

The numbers of the country the patient's time zone lies in, when reference data has them
(drugs.EmergencyNumbers, each citing its source). Otherwise the app's own (EMERGENCY_NUMBER and
POISON_HELP_NUMBER, for EMERGENCY_COUNTRY_CODE), but only in that country or where the time zone
names no place at all (UTC, Etc/GMT+5): a number that rings nowhere where the patient is costs
minutes when minutes matter. Anywhere else, a zone of unknown country included, the patient is
told to call their local emergency number.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Numbers:
    country: str  # the country they ring in, as the banner names it
    emergency: str
    poison_help: str = ""  # empty: no poison line the public may call
    poison_help_name: str = "Poison Help"
    poison_help_note: str = ""  # hours or limits, "8am to 10pm daily"


@dataclass(frozen=True)
class Offer:
    numbers: Numbers | None  # None: the patient is told to call their local emergency number
    patient_country: str  # the country of the patient's time zone; "" when it names none


def emergency_offer(
    zone_country: tuple[str, str] | None,
    local: Numbers | None,
    deployment: Numbers,
    deployment_code: str,
) -> Offer:
    """Return the numbers to offer a patient whose time zone lies in `zone_country` (its ISO
    code and name; None for a zone that names no place, such as UTC; ("", "") for a place of
    unknown country), given that country's numbers from reference data (`local`, or None), the
    app's own numbers and the ISO code of their country."""
    if zone_country is None:
        return Offer(deployment, "")
    code, name = zone_country
    if local is not None:
        return Offer(local, name)
    return Offer(deployment if code == deployment_code else None, name)
