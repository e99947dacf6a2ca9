"""What every page may need: the urgent banner, until the patient closes it, and the numbers to
call: those of the country the patient's time zone lies in (tracker/rules/emergency.py)."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from tracker.pages.emergency import emergency_offer_for
from tracker.pages.urgent import urgent_notices


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
