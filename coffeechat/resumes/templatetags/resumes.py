"""Resume panels for other apps' pages (brief, live, after, person) and the preview.

Lower apps load these in their templates (`{% load resumes %}`) and never import resumes.
"""

from __future__ import annotations

from typing import Any

from django import template

from coffeechat.conversations.models import Conversation
from coffeechat.prep import queries as prep_queries
from coffeechat.resumes import critique, present, queries
from coffeechat.resumes.models import Resume

register = template.Library()
MAX_CHOICES = 50  # resumes offered in a select; nobody keeps more, and the page stays bounded


register.filter("resume_date", present.resume_date)


@register.inclusion_tag("resumes/_preview.html")
def resume_preview(printable: dict[str, Any]) -> dict[str, Any]:
    """Our HTML of what will print (hidden parts already taken out by the caller)."""
    return {"header": present.header(printable), "blocks": present.blocks(printable)}


def _base(context: Any, conversation: Conversation) -> dict[str, Any]:
    user = context["request"].user
    handout = queries.handout_for(conversation)
    default = handout.resume if handout else queries.default_resume_for(conversation)
    latest = queries.latest_version(default) if default else None
    return {
        "conversation": conversation,
        "person": conversation.person,
        "handout": handout,
        "resume": default,
        "latest": latest,
        "choices": list(Resume.objects.filter(owner=user).only("pk", "name", "kind")[:MAX_CHOICES]),
        "changed_since": bool(
            handout and handout.version and latest and latest.number > handout.version.number
        ),
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
    }


@register.inclusion_tag("resumes/_brief_panel.html", takes_context=True)
def resume_to_bring(context: Any, conversation: Conversation) -> dict[str, Any]:
    """The brief's "which version to bring" (method.md RULE-R1)."""
    return _base(context, conversation)


@register.inclusion_tag("resumes/_critique_panel.html", takes_context=True)
def resume_critique(context: Any, conversation: Conversation, page: str = "live") -> dict[str, Any]:
    """Live and After: was it handed over, and their suggestions, one per line (RULE-R2)."""
    values = _base(context, conversation)
    made = list(queries.suggestions_in(conversation))
    feedback = prep_queries.brief_for(conversation).resume_feedback
    values.update(
        {
            "suggestions": made,
            "page": page,
            "next": context["request"].get_full_path(),
            # What they said during the conversation, ready to split into suggestions.
            "prefill": "" if made else "\n".join(critique.split_suggestions(feedback)),
        }
    )
    return values


@register.simple_tag(takes_context=True)
def open_resume_suggestions(context: Any) -> int:
    return queries.open_suggestion_count(context["request"].user)
