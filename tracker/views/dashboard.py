from django.utils import timezone

from tracker.data_version import versions_for
from tracker.pages.dashboard_kept import DashboardLoad
from tracker.pages.emergency import emergency_offer_for
from tracker.pages.urgent import urgent_notices
from tracker.views.kept_page import render_kept


def dashboard(request):
    now, zone, today = timezone.now(), timezone.get_current_timezone(), timezone.localdate()
    versions = versions_for(request.user)
    load = DashboardLoad(request.user, today, zone, now, versions)
    clock = load.clock
    # Asked on every load, whatever is kept: a sign of overdose recorded a moment ago shows.
    notices = urgent_notices(request.user, versions.urgent_open)
    statuses = clock.statuses(now, zone, urgent=bool(notices))
    # Read on every load, not only when a status offers them: the same queries for every
    # patient, whether a dangerous combination shows or not.
    emergency = emergency_offer_for(timezone.get_current_timezone_name(), versions.reference)

    def context_for(tokens: list[str], rendered_at: str) -> dict:
        # The whole data is read only when the page is rendered, not when it was kept.
        data = load.data
        # A new token per load: a double click or a resubmitted form logs one dose only.
        return {
            "data": data,
            "items": list(zip(data.panels, tokens, statuses, strict=True)),
            "now": now,
            "rendered_at": rendered_at,
            "urgent_checkins": notices,
            "emergency": emergency,
        }

    return render_kept(
        request,
        "tracker/dashboard.html",
        context_for,
        # Beside the data's key, what the page shows that a load works out at its moment.
        key=clock.key,
        inputs=(statuses, clock.gaps_running(now), notices, emergency),
        tokens=len(clock.situations),
        now=now,
        timeout=clock.seconds_left(now),
    )
