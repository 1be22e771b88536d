"""The account's audit log: one service that every app calls when something happens to an
account's security (a sign-in, an export, an API token used), and the reads of the log.

Each event is a row the owner sees on their security page (/settings/security/) and a line in
the server log (logger "coffeechat.audit": the account's id, never its email). An account
deletion is only a log line: its rows go with the account. Rows older than AUDIT_LOG_DAYS are
dropped as new ones arrive, so the log of a busy account stays bounded.

    from coffeechat.accounts import audit
    audit.record(user=request.user, kind=audit.Kind.EXPORT, request=request)
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from coffeechat.accounts.models import AuditEvent, User

Kind = AuditEvent.Kind
logger = logging.getLogger("coffeechat.audit")

DEFAULT_KEPT_DAYS = 365


def record(
    *,
    user: User,
    kind: Kind | str,
    detail: str = "",
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> AuditEvent | None:
    """Note that `kind` happened to `user`'s account (from `request`'s client, if given).

    `detail` is a short sentence for the owner and must never carry a secret (no password,
    no token). Returns the row, or None for an account deletion (logged only). Inside a
    transaction that rolls back, the event rolls back with what it describes.
    """
    kind = Kind(kind)
    now = now or timezone.now()
    # A service called from a view needs no request passed: allauth's middleware keeps the
    # current one (None in commands and background tasks).
    ip, agent = _client(request if request is not None else allauth_context.request)
    line = f"account={user.pk} kind={kind.value} ip={ip or '-'} {detail[:200]}".rstrip()
    # Said once what it describes has happened: not for a deletion or import rolled back.
    transaction.on_commit(lambda: logger.info(line))
    if kind == Kind.ACCOUNT_DELETION or user.pk is None:
        return None
    kept = timedelta(days=getattr(settings, "AUDIT_LOG_DAYS", DEFAULT_KEPT_DAYS))
    AuditEvent.objects.filter(owner=user, created_at__lt=now - kept).delete()
    return AuditEvent.objects.create(
        owner=user, kind=kind, detail=detail[:200], ip=ip, user_agent=agent, created_at=now
    )


def events_for(owner: User) -> QuerySet[AuditEvent]:
    """The owner's audit events, newest first (paginate: a busy account has many)."""
    return AuditEvent.objects.filter(owner=owner).order_by("-created_at", "-pk")


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, through the trusted proxies the operator declared
    (ALLAUTH_TRUSTED_PROXY_COUNT / ALLAUTH_TRUSTED_CLIENT_IP_HEADER), as the rate limits see it.
    """
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None


def _client(request: HttpRequest | None) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    return client_ip(request), request.META.get("HTTP_USER_AGENT", "")[:200]
