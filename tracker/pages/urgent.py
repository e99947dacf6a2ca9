"""The urgent banner's notices: the patient's open urgent check-ins, in the drug's words."""

from dataclasses import dataclass
from datetime import datetime

from tracker.models import CheckIn


@dataclass(frozen=True)
class UrgentNotice:
    recorded_at: datetime
    symptoms: list[str]  # the signs that made the check-in urgent, in the drug's words
    seek_care_advice: str


def urgent_notice(checkin: CheckIn) -> UrgentNotice:
    """Return what the banner says of an urgent check-in (its symptoms prefetched): only the
    urgent signs, so a side effect ticked beside them leaves no empty place in the sentence."""
    return UrgentNotice(
        recorded_at=checkin.recorded_at,
        symptoms=[s.text.lower() for s in checkin.urgent_symptoms()],
        seek_care_advice=checkin.course.drug.seek_care_advice,
    )


def urgent_notices(user, any_open: bool | None = None) -> list[UrgentNotice]:
    """Return the notices of the user's open urgent check-ins, newest first, three at most.
    `any_open`: whether there is any, when the caller has just asked (else asked here)."""
    # Almost always there is none: asking whether there is any costs a fraction of reading
    # the notices (their course, drug and symptoms), and every signed-in page asks.
    if any_open is None:
        any_open = CheckIn.objects.has_urgent_open(user)
    if not any_open:
        return []
    return [urgent_notice(c) for c in CheckIn.objects.urgent_open(user)[:3]]
