"""The occupation panel other apps' pages include, and O*NET's credit line."""

from __future__ import annotations

from typing import Any

from django import template

from coffeechat.conversations.models import Conversation
from coffeechat.occupations import queries
from coffeechat.occupations.models import Release

register = template.Library()


@register.filter
def onet_credit(loaded: Release) -> str:
    return queries.attribution(loaded)


@register.inclusion_tag("occupations/_panel.html", takes_context=True)
def occupation_panel(context: dict[str, Any], conversation: Conversation) -> dict[str, Any]:
    """On a conversation's brief: the occupation matched from the person's title (or chosen)."""
    return {
        "panel": queries.panel_for(conversation),
        "conversation": conversation,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
