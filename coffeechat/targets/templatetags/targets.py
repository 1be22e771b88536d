"""Panels of the target list on other apps' pages (the After page, organizations).

Lower apps can't import this one; their templates load these tags instead. Each tag reads
through a typed panel query of `coffeechat.targets.queries` and only formats it. (Today's
"whom to ask next" is `targets.panels`, put together with Today in `coffeechat/pages/`.)
"""

from __future__ import annotations

from typing import Any

from django import template

from coffeechat.conversations.models import Conversation
from coffeechat.network.models import Organization
from coffeechat.targets import queries
from coffeechat.targets.forms import MOTIVATION_OPTIONS, SOURCE_CHOICES

register = template.Library()


@register.inclusion_tag("targets/_rerate.html", takes_context=True)
def rerate_motivation(context: dict[str, Any], conversation: Conversation) -> dict[str, Any]:
    """The After page: re-rate Motivation for the employer you just talked to (RULE-L7)."""
    organization = conversation.person.organization
    if organization is None or conversation.stage not in queries.HELD_STAGES:
        return {"organization": None}
    return {
        "organization": organization,
        "target": queries.target_for_organization(context["request"].user, organization),
        "options": MOTIVATION_OPTIONS,
        "sources": SOURCE_CHOICES,
        "next": context["request"].get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("targets/_organization.html", takes_context=True)
def target_panel(context: dict[str, Any], organization: Organization) -> dict[str, Any]:
    """An organization's page: its place on the target list, or a way to put it there."""
    return {
        "panel": queries.organization_panel(context["request"].user, organization),
        "organization": organization,
        "sources": SOURCE_CHOICES,
        "csrf_token": context.get("csrf_token"),
    }
