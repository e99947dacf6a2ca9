"""What every page may need: the urgent banner, until the patient closes it, and the numbers to
call: those of the country the patient's time zone lies in (tracker/rules/emergency.py)."""

from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from drugs.models import EmergencyNumbers
from tracker.pages.urgent import urgent_notices
from tracker.rules.emergency import Numbers, Offer, emergency_offer
from tracker.zone_countries import country_of_zone


def deployment_numbers() -> Numbers:
    return Numbers(
        country=settings.EMERGENCY_COUNTRY,
        emergency=settings.EMERGENCY_NUMBER,
        poison_help=settings.POISON_HELP_NUMBER,
    )


def local_numbers(country_code: str) -> Numbers | None:
    """Return the country's numbers from reference data, or None when it has none."""
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


def emergency_offer_for(zone_name: str) -> Offer:
    """Return the numbers to offer a patient in this time zone (one query when the zone lies in
    a country: its numbers in reference data)."""
    zone_country = country_of_zone(zone_name)
    return emergency_offer(
        zone_country,
        local_numbers(zone_country[0]) if zone_country else None,
        deployment_numbers(),
        settings.EMERGENCY_COUNTRY_CODE,
    )


def urgent_help(request) -> dict:
    """Return the signed-in patient's open urgent check-ins (read only when a page shows the
    banner, and not again when the view has read them) and the numbers to call (read only when
    a page offers them: the urgent banner, a dangerous combination's status, Settings)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    zone_name = timezone.get_current_timezone_name()
    return {
        "urgent_checkins": SimpleLazyObject(lambda: urgent_notices(user)),
        "emergency": SimpleLazyObject(lambda: emergency_offer_for(zone_name)),
    }
