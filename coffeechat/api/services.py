"""Personal access tokens: create (the secret is shown once), revoke, authenticate.

Only a SHA-256 of each secret is stored: a database leak gives no usable token, and a
32-byte random secret needs no slow hash. The `cc_` prefix makes a leaked token easy to
recognise (secret scanners, logs).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from coffeechat.accounts import audit
from coffeechat.accounts.models import User
from coffeechat.api import queries
from coffeechat.api.models import ApiToken, Scope

PREFIX = "cc_"
MAX_ACTIVE_TOKENS = 50
MAX_EXPIRY_DAYS = 3650
WINDOW = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # the clear token: shown once, never stored


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(
    *,
    owner: User,
    name: str,
    scope: str,
    expires_days: int | None = None,
    now: datetime | None = None,
) -> NewToken:
    """A new token for `owner`; the returned `secret` is the only copy of the clear token."""
    now = now or timezone.now()
    name = " ".join(name.split())
    if scope not in Scope.values:
        raise ValidationError({"scope": "Choose read or write."})
    if expires_days is not None and not 1 <= expires_days <= MAX_EXPIRY_DAYS:
        raise ValidationError(
            {"expires_days": f"A token expires after 1 to {MAX_EXPIRY_DAYS} days, or never."}
        )
    if queries.active_tokens_for(owner, now).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(f"You have {MAX_ACTIVE_TOKENS} active tokens: revoke one first.")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        owner=owner,
        name=name,
        scope=scope,
        secret_hash=_hash(secret),
        hint=secret[:7],
        created_at=now,
        expires_at=now + timedelta(days=expires_days) if expires_days else None,
    )
    token.full_clean()
    token.save()
    audit.record(
        user=owner,
        kind=audit.Kind.TOKEN_CREATED,
        detail=f"Token “{token.name}” ({token.scope})",
        now=now,
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def revoke_token(*, token: ApiToken, now: datetime | None = None) -> ApiToken:
    """Stop `token` working at once. Revoking twice changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit.record(
            user=token.owner, kind=audit.Kind.TOKEN_REVOKED, detail=f"Token “{token.name}”"
        )
    return token


def authenticate(authorization: str, *, now: datetime | None = None) -> ApiToken | None:
    """The active token an `Authorization` header carries, or None.

    `authorization` is the header's value, `"Bearer cc_..."` (the bare `"cc_..."` is
    accepted too). Returns None for anything else: missing, malformed, unknown, revoked or
    expired tokens all look the same. On success it records the use (`last_used_at`, the
    request counted for `retry_after`, the first use of the day in the audit log) and
    returns the token with `owner` loaded; check `token.scope == "write"` before writing.
    """
    now = now or timezone.now()
    token = token_from_header(authorization, now=now)
    if token is not None:
        _record_use(token, now)
    return token


def token_from_header(authorization: str, *, now: datetime | None = None) -> ApiToken | None:
    """The active token an `Authorization` header carries, or None; records nothing."""
    scheme, _, value = authorization.strip().partition(" ")
    secret = value.strip() if scheme.lower() == "bearer" else scheme
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("owner")
        .filter(secret_hash=_hash(secret), owner__is_active=True)
        .first()
    )
    if token is None or not token.is_active(now or timezone.now()):
        return None
    return token


def _record_use(token: ApiToken, now: datetime) -> None:
    window = now.replace(second=0, microsecond=0)
    same = token.window_started_at is not None and token.window_started_at >= window
    token.window_count = token.window_count + 1 if same else 1
    token.window_started_at = token.window_started_at if same else window
    token.last_used_at = now
    today = timezone.localdate(now)
    first_today = token.last_audited_on != today
    # One UPDATE; the count is computed in the database so concurrent requests all count.
    ApiToken.objects.filter(pk=token.pk).update(
        last_used_at=now,
        last_audited_on=today,
        window_count=Case(
            When(window_started_at__gte=window, then=F("window_count") + 1), default=Value(1)
        ),
        window_started_at=Case(
            When(window_started_at__gte=window, then=F("window_started_at")), default=Value(window)
        ),
    )
    if first_today:
        token.last_audited_on = today
        audit.record(
            user=token.owner,
            kind=audit.Kind.TOKEN_USED,
            detail=f"Token “{token.name}” (its first use today)",
            now=now,
        )


def requests_per_minute() -> int:
    return settings.API_REQUESTS_PER_MINUTE


def retry_after(token: ApiToken, *, now: datetime | None = None) -> int | None:
    """Seconds to wait when `token` went over its requests per minute, else None."""
    if token.window_count <= requests_per_minute() or token.window_started_at is None:
        return None
    now = now or timezone.now()
    return max(1, int((token.window_started_at + WINDOW - now).total_seconds() + 0.999))
