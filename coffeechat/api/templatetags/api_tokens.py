"""The API tokens card of the security page (templates/accounts/security.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from coffeechat.api import queries

register = template.Library()


@register.inclusion_tag("api/_tokens_card.html", takes_context=True)
def api_tokens_card(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    active = list(queries.active_tokens_for(user, timezone.now())[:5])
    return {
        "active": active,
        "more": queries.active_tokens_for(user, timezone.now()).count()
        if len(active) == 5
        else len(active),
    }
