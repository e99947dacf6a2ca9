"""At sign-in: record the login time that bounds a session's absolute age, make sure the account
has its profile, and log security events."""

import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from tracker.models import Profile
from tracker.security_log import client_ip, log_event

SESSION_STARTED = "auth_started_at"
TIME_ZONE_KEY = "time_zone"


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    # Accounts made by signup get their profile with them; accounts made by Django's own tools
    # (createsuperuser, the admin) get it here, before any page needs it.
    profile, created = Profile.objects.get_or_create(user=user)
    if created:  # no dose yet: the per-day totals are kept in its zone from the first one
        Profile.objects.filter(pk=profile.pk).update(dose_days_zone=profile.time_zone)
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED] = time.time()
        # Resolved once here, so page requests need no query for it.
        request.session[TIME_ZONE_KEY] = Profile.objects.time_zone_for(user)
    log_event("login_success", user_id=user.pk, username=user.get_username(), ip=client_ip(request))


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    log_event(
        "login_failure", username=str(credentials.get("username", ""))[:150], ip=client_ip(request)
    )


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    log_event("logout", user_id=getattr(user, "pk", None), ip=client_ip(request))


@receiver(user_locked_out)
def on_locked_out(sender, request, username, ip_address, **kwargs):
    log_event("lockout", username=str(username or "")[:150], ip=ip_address)
