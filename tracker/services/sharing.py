"""Share links: creating one (its token shown once), revoking one, and opening one.

Only the token's SHA-256 is stored. A plain hash is enough: the token is 256 random bits, so
there is nothing to guess from it, and no secret key is needed that would break every link when
it is rotated.
"""

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tracker.models import Course, ShareLink, ShareLinkView, ShareScope
from tracker.rules.sharing import (
    DISPLAY_NAME_MAX,
    TOKEN_BYTES,
    LinkStatus,
    days_problem,
    expires_at,
    looks_like_token,
)
from tracker.security_log import log_event

ALREADY_CREATED = (
    "That link was already made, and its address shown once: it is in the list below. "
    "Make a new link if you need its address."
)


@dataclass(frozen=True)
class NewShareLink:
    link: ShareLink
    token: str  # shown to the patient once, right after creation; never stored


def token_hash(token: str) -> str:
    """Return the hex SHA-256 of a token: what the database keeps and looks links up by."""
    return hashlib.sha256(token.encode()).hexdigest()


def _clean_name(display_name: str) -> str:
    # Control characters from a paste would show as nothing, or as boxes, on the shared page.
    name = "".join(ch for ch in display_name if ord(ch) >= 32 and ord(ch) != 127).strip()
    if len(name) > DISPLAY_NAME_MAX:
        raise ValidationError(f"Keep the name to {DISPLAY_NAME_MAX} characters or fewer.")
    return name


@transaction.atomic
def share_link_create(
    *,
    course: Course,
    scope: str,
    expires_in_days: int,
    display_name: str = "",
    form_token: uuid.UUID | None = None,
    now: datetime | None = None,
) -> NewShareLink:
    """Create a read-only link to one course; return it with its token, which only this
    return value ever holds. A form token already used raises ValidationError with the code
    "already_created": that link's address was shown once and cannot be shown again."""
    if scope not in ShareScope.values:
        raise ValidationError("Choose what the link shows: the summary only, or every dose too.")
    if isinstance(expires_in_days, bool) or not isinstance(expires_in_days, int):
        raise ValidationError("Enter how long the link works as a whole number of days.")
    problem = days_problem(expires_in_days)
    if problem:
        raise ValidationError(problem)
    now = now or timezone.now()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLink(
        course=course,
        token_hash=token_hash(token),
        scope=scope,
        display_name=_clean_name(display_name),
        created_at=now,
        expires_at=expires_at(now, expires_in_days),
        form_token=form_token or uuid.uuid4(),
    )
    # Uniqueness is left to the database: two sends of one form can arrive together.
    link.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:
        raise ValidationError(ALREADY_CREATED, code="already_created") from None
    log_event(
        "share_link_created",
        user_id=course.owner_id,
        link_id=link.pk,
        scope=scope,
        expires_at=link.expires_at.isoformat(),
    )
    return NewShareLink(link=link, token=token)


def share_link_revoke(*, link: ShareLink, now: datetime | None = None) -> bool:
    """Stop the link from opening, from now on; return False when it was already revoked."""
    now = now or timezone.now()
    revoked = ShareLink.objects.filter(pk=link.pk, revoked_at=None).update(revoked_at=now) == 1
    if revoked:
        link.revoked_at = now
        log_event("share_link_revoked", user_id=link.course.owner_id, link_id=link.pk)
    return revoked


def share_link_open(*, token: str, now: datetime | None = None) -> ShareLink | None:
    """Return the active link the token opens, with its course, owner and profile, and record
    the opening; None for any token that opens nothing, whatever the reason."""
    if not looks_like_token(token):
        return None
    digest = token_hash(token)
    link = (
        ShareLink.objects.select_related("course__owner__profile", "course__drug__limits_source")
        .filter(token_hash=digest)
        .first()
    )
    # The database matched the hash; compare again in constant time, so how long the answer
    # takes says nothing about how much of a guess was right, whatever the database does.
    if link is None or not hmac.compare_digest(link.token_hash, digest):
        return None
    now = now or timezone.now()
    if link.status(now) != LinkStatus.ACTIVE:
        return None
    ShareLinkView.objects.create(link=link, viewed_at=now)
    return link
