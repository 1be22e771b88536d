"""The security page, put together from the account's sessions, two-factor and sign-in history
(accounts) and its API tokens (api)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from django.core.paginator import Page, Paginator

from coffeechat.accounts import audit
from coffeechat.accounts import security as security_queries
from coffeechat.accounts.models import AuditEvent, User
from coffeechat.api import panels as api_panels

AUDIT_PAGE_SIZE = 25


@dataclass(frozen=True)
class SecurityPage:
    TEMPLATE: ClassVar[str] = "accounts/security.html"

    sessions: list[security_queries.SignedInBrowser]  # this browser first
    two_factor: dict[str, bool]
    audit: Page[AuditEvent]  # one page of the sign-in history, newest first
    api_tokens: api_panels.ApiTokensPanel


def security_page(
    *, owner: User, session_key: str | None, page_number: str | None, now: datetime
) -> SecurityPage:
    return SecurityPage(
        sessions=security_queries.sessions_for(owner, current_key=session_key),
        two_factor=security_queries.two_factor_for(owner),
        audit=Paginator(audit.events_for(owner), AUDIT_PAGE_SIZE).get_page(page_number),
        api_tokens=api_panels.api_tokens_panel(owner, now=now),
    )
