"""What every page needs: the urgent banner, until the patient closes it, and the numbers to
call, when they are right for where the patient is (tracker/rules/emergency.py)."""

from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from tracker.pages.urgent import urgent_notices
from tracker.rules.emergency import Numbers, emergency_offer
from tracker.zone_countries import country_of_zone


def deployment_numbers() -> Numbers:
    return Numbers(
        country=settings.EMERGENCY_COUNTRY,
        emergency=settings.EMERGENCY_NUMBER,
        poison_help=settings.POISON_HELP_NUMBER,
    )


def urgent_help(request) -> dict:
    """Return the signed-in patient's open urgent check-ins (read only when a page shows the
    banner, and not again when the view has read them) and the numbers to call: none when the
    patient's time zone lies in another country than the app's numbers ring in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    offer = emergency_offer(
        country_of_zone(timezone.get_current_timezone_name()),
        deployment_numbers(),
        settings.EMERGENCY_COUNTRY_CODE,
    )
    numbers = offer.numbers
    return {
        "urgent_checkins": SimpleLazyObject(lambda: urgent_notices(user)),
        "emergency_number": numbers.emergency if numbers else "",
        "poison_help_number": numbers.poison_help if numbers else "",
        "emergency_country": numbers.country if numbers else "",
        "numbers_country": settings.EMERGENCY_COUNTRY,
        "patient_country": offer.patient_country,
    }
