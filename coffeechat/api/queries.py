"""Reads for personal access tokens. Every function is scoped to one owner."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from coffeechat.accounts.models import User
from coffeechat.api.models import ApiToken
from coffeechat.lib.models import get_owned


def _stopped(now: datetime) -> Q:
    return Q(revoked_at__isnull=False) | Q(expires_at__lte=now)


def active_tokens_for(owner: User, now: datetime) -> QuerySet[ApiToken]:
    """The owner's working tokens, newest first (services cap them at 50)."""
    return ApiToken.objects.filter(owner=owner).exclude(_stopped(now))


def stopped_tokens_for(owner: User, now: datetime) -> QuerySet[ApiToken]:
    """Revoked and expired tokens, newest first (slice it: they pile up)."""
    return ApiToken.objects.filter(_stopped(now), owner=owner)


def get_token(owner: User, token_id: int) -> ApiToken:
    return get_owned(ApiToken, owner=owner, pk=token_id)
