"""The numbers to offer a patient in an emergency: those of the country their time zone lies
in, from reference data, else the app's own where they ring (tracker/rules/emergency.py)."""

from django.conf import settings

from drugs.models import EmergencyNumbers
from drugs.reference_memo import kept_for_version
from tracker.rules.emergency import Numbers, Offer, emergency_offer
from tracker.zone_countries import country_of_zone


def deployment_numbers() -> Numbers:
    return Numbers(
        country=settings.EMERGENCY_COUNTRY,
        emergency=settings.EMERGENCY_NUMBER,
        poison_help=settings.POISON_HELP_NUMBER,
    )


def local_numbers(country_code: str, reference_version: int | None = None) -> Numbers | None:
    """Return the country's numbers from reference data, or None when it has none: kept per
    reference version (drugs/reference_memo.py), as every edit moves it."""
    return kept_for_version(
        ("emergency_numbers", country_code),
        lambda: _read_numbers(country_code),
        version=reference_version,
        sets=True,
    )


def _read_numbers(country_code: str) -> Numbers | None:
    shown = EmergencyNumbers.objects.shown_for(country_code)
    if shown is None:
        return None
    return Numbers(
        country=shown["country_name"],
        emergency=shown["emergency_number"],
        poison_help=shown["poison_help_number"],
        poison_help_name=shown["poison_help_name"],
        poison_help_note=shown["poison_help_note"],
    )


def emergency_offer_for(zone_name: str, reference_version: int | None = None) -> Offer:
    """Return the numbers to offer a patient in this time zone: when the zone lies in a country,
    its numbers in reference data, read once per reference version (which is read here unless
    the caller has just read it)."""
    zone_country = country_of_zone(zone_name)
    code = zone_country[0] if zone_country else ""
    return emergency_offer(
        zone_country,
        local_numbers(code, reference_version) if code else None,
        deployment_numbers(),
        settings.EMERGENCY_COUNTRY_CODE,
    )
