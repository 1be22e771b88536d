"""The security page's reads and writes: the browsers signed in to an account (allauth's
user sessions), ending them, and how each browser is described to its owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from coffeechat.accounts import audit
from coffeechat.accounts.browsers import describe_browser
from coffeechat.accounts.models import User

MAX_SESSIONS_SHOWN = 30


@dataclass(frozen=True)
class SignedInBrowser:
    id: int
    browser: str
    ip: str
    signed_in_at: datetime
    last_seen_at: datetime
    is_current: bool

    @property
    def seen_just_now(self) -> bool:
        return (timezone.now() - self.last_seen_at).total_seconds() < 60


def sessions_for(owner: User, *, current_key: str | None) -> list[SignedInBrowser]:
    """The owner's live sessions, the current one first, then by last use (one query)."""
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    rows = (
        _sessions_of(owner)
        .filter(session_key__in=live)
        .order_by("-last_seen_at", "-pk")[:MAX_SESSIONS_SHOWN]
    )
    found = [
        SignedInBrowser(
            id=row.pk,
            browser=describe_browser(row.user_agent),
            ip=row.ip,
            signed_in_at=row.created_at,
            last_seen_at=row.last_seen_at,
            is_current=row.session_key == current_key,
        )
        for row in rows
    ]
    return sorted(found, key=lambda s: not s.is_current)


def two_factor_for(owner: User) -> dict[str, bool]:
    types = set(Authenticator.objects.filter(user=owner).values_list("type", flat=True))
    return {
        "totp": Authenticator.Type.TOTP in types,
        "recovery_codes": Authenticator.Type.RECOVERY_CODES in types,
    }


@transaction.atomic
def end_session(*, owner: User, session_id: int, request: HttpRequest | None = None) -> str:
    """Sign one of the owner's other browsers out; returns how it was described."""
    row = _session_of(owner, session_id)
    if request is not None and row.session_key == request.session.session_key:
        raise ValidationError("That is this browser: use Sign out to end it.")
    described = describe_browser(row.user_agent)
    row.end()
    audit.record(
        user=owner,
        kind=audit.Kind.SESSION_ENDED,
        request=request,
        detail=f"Signed out {described} ({row.ip}) from the security page",
    )
    return described


@transaction.atomic
def end_other_sessions(*, owner: User, request: HttpRequest) -> int:
    """Sign out every browser of the owner's but this one; returns how many were ended."""
    others = list(_sessions_of(owner).exclude(session_key=request.session.session_key))
    for row in others:
        row.end()
    if others:
        audit.record(
            user=owner,
            kind=audit.Kind.SESSION_ENDED,
            request=request,
            detail=f"Signed out {len(others)} other browser"
            f"{'s' if len(others) != 1 else ''} from the security page",
        )
    return len(others)


def _sessions_of(owner: User) -> QuerySet[UserSession]:
    return UserSession.objects.filter(user=owner)


def _session_of(owner: User, session_id: int) -> UserSession:
    # allauth's row links to its user by `user`, not `owner`: lib.models.get_owned's rule by hand
    # (another account's id answers like a missing one, security.md T1).
    try:
        return _sessions_of(owner).get(pk=session_id)
    except (UserSession.DoesNotExist, ValueError, TypeError):
        raise Http404("No such session of yours.") from None
