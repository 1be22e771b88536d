"""The outbox panel other apps' pages include: Today lists messages that didn't leave."""

from __future__ import annotations

from typing import Any

from django import template

from coffeechat.outreach import queries

register = template.Library()


@register.inclusion_tag("outreach/_outbox_problems.html", takes_context=True)
def outbox_problems(context: template.Context) -> dict[str, Any]:
    """Failed or retrying messages with the reason in words, a retry and the settings link."""
    states, total = queries.outbox_problems(context["request"].user)
    return {
        "states": states,
        "total": total,
        "csrf_token": context.get("csrf_token"),
        "next": context.get("next", ""),
    }
