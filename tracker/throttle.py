"""Limits that slow down and stop guessing from one address, and mail or sign-up floods.

Counts live in Django's default cache. With the default per-process memory cache each worker
counts on its own, so with N workers an address gets up to N times a limit; a shared cache
(CACHES) makes the counts exact. The username lockout itself is django-axes', in the database.
"""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from tracker.security_log import client_ip, log_event


@dataclass(frozen=True)
class Refusal:
    action: str  # "login", "signup" or "password_reset"
    reason: str  # "slowed" or "blocked" (log-ins), "address" or "email" (other actions)
    retry_after: int  # seconds


def address_key(request) -> str:
    """Return what an address is counted under: itself, or for IPv6 its /64 network, which one
    subscriber usually holds whole."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _email_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower()[:320].encode()).hexdigest()[:32]


def _count(name: str, window: int) -> tuple[int, int]:
    """Count one event; return the count in the current window and the seconds left in it.

    A window opens at its first event and lasts `window` seconds.
    """
    key = f"throttle:{name}"
    now = time.time()
    cache.add(f"{key}:ends", now + window, timeout=window)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window closed between the two calls
        cache.set(key, 1, timeout=window)
        count = 1
    ends = cache.get(f"{key}:ends") or now + window
    return count, max(1, math.ceil(ends - now))


def over_limit(request, action: str, email: str = "") -> Refusal | None:
    """Count one request for `action` from this address, and for this e-mail address if given;
    return a Refusal once either is over its hourly limit in settings.RATE_LIMITS."""
    per_address, per_email = settings.RATE_LIMITS[action]
    window = settings.RATE_LIMIT_WINDOW
    counts = [("address", *_count(f"{action}:ip:{address_key(request)}", window), per_address)]
    if email.strip():
        counts.append(("email", *_count(f"{action}:email:{_email_key(email)}", window), per_email))
    for reason, count, retry_after, limit in counts:
        if count > limit:
            if count == limit + 1:  # logged once a window, however long a flood goes on
                log_event("rate_limited", action=action, reason=reason, ip=client_ip(request))
            return Refusal(action, reason, retry_after)
    return None


def login_refusal(request) -> Refusal | None:
    """Return a Refusal while this address is blocked, or must wait before its next log-in."""
    address = address_key(request)
    now = time.time()
    for reason in ("blocked", "slowed"):
        until = cache.get(f"throttle:login-{reason}:{address}")
        if until is not None and until > now:
            return Refusal("login", reason, max(1, math.ceil(until - now)))
    return None


def login_failed(request) -> None:
    """Count a failed log-in from this address, whatever the username; past
    LOGIN_ADDRESS_SLOW_AFTER failures in a cool-off period it must wait between tries, and at
    LOGIN_ADDRESS_FAILURE_LIMIT it is blocked for the cool-off."""
    address = address_key(request)
    cooloff = int(settings.AXES_COOLOFF_TIME.total_seconds())
    failures, _ = _count(f"login-failures:{address}", cooloff)
    if failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        reason, wait = "blocked", cooloff
    elif failures >= settings.LOGIN_ADDRESS_SLOW_AFTER:
        reason, wait = "slowed", settings.LOGIN_ADDRESS_SLOW_SECONDS
    else:
        return
    cache.set(f"throttle:login-{reason}:{address}", time.time() + wait, timeout=wait)
    if reason == "blocked" or failures == settings.LOGIN_ADDRESS_SLOW_AFTER:
        log_event(f"login_address_{reason}", ip=client_ip(request), failures=failures)


def refusal_response(request, refusal: Refusal):
    """Return the friendly 429 page that says what happened and when to try again."""
    # A wait of a minute or more is said in whole minutes, rounded up: trying again at the time
    # said must never be refused again.
    seconds = refusal.retry_after
    wait = timedelta(seconds=seconds if seconds < 60 else 60 * math.ceil(seconds / 60))
    response = render(
        request,
        "registration/too_many_requests.html",
        {"refusal": refusal, "wait": wait},
        status=429,
    )
    response["Retry-After"] = str(refusal.retry_after)
    return response
