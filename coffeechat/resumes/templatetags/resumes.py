"""Resume panels for other apps' pages (brief, live, after, person) and the preview.

Lower apps load these in their templates (`{% load resumes %}`) and never import resumes.
"""

from __future__ import annotations

from typing import Any

from django import template

from coffeechat.conversations.models import Conversation
from coffeechat.resumes import panels, present

register = template.Library()


register.filter("resume_date", present.resume_date)


@register.inclusion_tag("resumes/_preview.html")
def resume_preview(printable: dict[str, Any]) -> dict[str, Any]:
    """Our HTML of what will print (hidden parts already taken out by the caller)."""
    return {"header": present.header(printable), "blocks": present.blocks(printable)}


@register.inclusion_tag("resumes/_brief_panel.html", takes_context=True)
def resume_to_bring(context: Any, conversation: Conversation) -> dict[str, Any]:
    """The brief's "which version to bring" (method.md RULE-R1)."""
    return {
        "panel": panels.resume_to_bring_panel(context["request"].user, conversation),
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
    }
