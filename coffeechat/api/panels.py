"""What the API contributes to the security page: the account's working tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coffeechat.accounts.models import User
from coffeechat.api import queries
from coffeechat.api.models import ApiToken

TOKENS_SHOWN = 5


@dataclass(frozen=True)
class ApiTokensPanel:
    active: list[ApiToken]  # the newest TOKENS_SHOWN working tokens
    total: int  # all working tokens


def api_tokens_panel(owner: User, *, now: datetime) -> ApiTokensPanel:
    active = list(queries.active_tokens_for(owner, now)[:TOKENS_SHOWN])
    if len(active) < TOKENS_SHOWN:
        return ApiTokensPanel(active=active, total=len(active))
    return ApiTokensPanel(active=active, total=queries.active_tokens_for(owner, now).count())
