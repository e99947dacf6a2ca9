"""Start-up checks of the settings a patient's safety depends on."""

from django.conf import settings
from django.core.checks import Error, register

from tracker.zone_countries import country_names


@register()
def emergency_country_is_known(app_configs, **kwargs) -> list[Error]:
    """The app offers its emergency numbers only to patients in their country: an unknown code
    would offer them to nobody, silently."""
    code = settings.EMERGENCY_COUNTRY_CODE
    if code in country_names():
        return []
    return [
        Error(
            f"EMERGENCY_COUNTRY_CODE {code!r} is not an ISO 3166 country code.",
            hint="Set it to the two-letter code of the country EMERGENCY_NUMBER rings in, "
            "such as US, GB or DE.",
            id="tracker.E001",
        )
    ]
