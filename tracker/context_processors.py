"""What every page needs: the urgent banner, until the patient closes it."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from tracker.pages.urgent import urgent_notices


def urgent_help(request) -> dict:
    """Return the signed-in patient's open urgent check-ins (read only when a page shows the
    banner, and not again when the view has read them) and the numbers to call."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "urgent_checkins": SimpleLazyObject(lambda: urgent_notices(user)),
        "emergency_number": settings.EMERGENCY_NUMBER,
        "poison_help_number": settings.POISON_HELP_NUMBER,
        "emergency_country": settings.EMERGENCY_COUNTRY,
    }
