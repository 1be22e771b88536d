"""The self-assessment panel other pages include: `{% load assessment %}{% assessment_panel %}`.

It shows the signed-in user's latest interest result, their ranked values and their talents,
with one query per section, and an invitation to start where nothing was done yet.
"""

from __future__ import annotations

from typing import Any

from django import template

from coffeechat.assessment import inventory, queries, values

register = template.Library()


@register.inclusion_tag("assessment/_panel.html", takes_context=True)
def assessment_panel(context: template.Context, heading_level: int = 2) -> dict[str, Any]:
    """`heading_level`: the level of the panel's own heading (its sections are one below)."""
    owner = context["request"].user
    draft, latest = queries.draft_and_latest(owner)
    return {
        "draft": draft,
        "draft_answered": len(draft.answers) if draft else 0,
        "total": len(inventory.ITEMS),
        "result": queries.result_of(latest) if latest else None,
        "values": list(queries.values_of(owner)),
        "top": values.TOP,
        "talents": list(queries.talents_of(owner)),
        "h": heading_level,
        "h2": heading_level + 1,
    }
