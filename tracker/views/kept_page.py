"""A page rendered once for what it shows, kept in the cache, and given on every load what must
be new on every load.

Rendering the dashboard costs several times the framework's floor even when its data comes from
the cache (docs/performance.md). Its HTML follows from the data's key and a few values worked out
on each load (the statuses at this moment, the open urgent check-ins, the numbers to call), so
the HTML is kept under a digest of them: when any of them changes, the digest does, and the page
is rendered again. Three things must never be shared between two loads, and are put in each
time: the CSRF token, the one-click tokens (each load gets new ones: a double tap of one
rendering records one dose, as before) and the moment of rendering (the offline queue reads it).
A rendering holds random placeholders for them, kept with the HTML, so any server sharing the
cache (Redis) can fill them in.

A request carrying a message (a dose just logged, with its Undo) is rendered in full: messages
are read once and belong to that load alone.
"""

import hashlib
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import dateformat, timezone

# Builds the template's context from the one-click tokens and the moment of rendering.
ContextFor = Callable[[list[str], str], dict]


@dataclass(frozen=True)
class KeptPage:
    html: str
    csrf_slot: str
    rendered_at_slot: str
    token_slots: tuple[str, ...]


def rendered_at_text(now: datetime) -> str:
    """Return the moment of rendering as the page gives it (ISO 8601, local time)."""
    return dateformat.format(timezone.localtime(now), "c")


def inputs_digest(inputs: object) -> str:
    """Return a digest of what a load worked out: plain data (dataclasses, dates, strings),
    whose repr names every value it holds."""
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def render_kept(
    request,
    template_name: str,
    context_for: ContextFor,
    *,
    key: str,
    inputs: object,
    tokens: int,
    now: datetime,
    timeout: float,
) -> HttpResponse:
    """Return the page: kept under `key` and the digest of `inputs` (everything beside the key
    that the page shows), with `tokens` new one-click tokens, a CSRF token and `now` put in."""
    fresh_tokens = [str(uuid.uuid4()) for _ in range(tokens)]
    rendered_at = rendered_at_text(now)
    if not settings.DASHBOARD_CACHE or len(get_messages(request)):
        html = render_to_string(template_name, context_for(fresh_tokens, rendered_at), request)
        return HttpResponse(html)
    full_key = f"kept:{template_name}:{key}:{inputs_digest(inputs)}"
    kept = cache.get(full_key)
    if kept is None:
        kept = _render_with_slots(request, template_name, context_for, tokens)
        cache.set(full_key, kept, max(timeout, 1))
    html = kept.html.replace(kept.csrf_slot, get_token(request))
    html = html.replace(kept.rendered_at_slot, rendered_at)
    for slot, token in zip(kept.token_slots, fresh_tokens, strict=True):
        html = html.replace(slot, token)
    return HttpResponse(html)


def _render_with_slots(request, template_name: str, context_for: ContextFor, tokens: int):
    def slot() -> str:
        return f"slot{secrets.token_hex(16)}"

    token_slots = tuple(slot() for _ in range(tokens))
    rendered_at_slot, csrf_slot = slot(), slot()
    context = {**context_for(list(token_slots), rendered_at_slot), "csrf_token": csrf_slot}
    html = render_to_string(template_name, context, request)
    return KeptPage(html, csrf_slot, rendered_at_slot, token_slots)
