"""Panels other apps' pages show from strategy without importing it (prep's brief, the
conversation page, After and the occupation page): tags load the panel's rows in a fixed
number of queries and render a partial from templates/strategy/."""

from __future__ import annotations

from typing import Any

from django import template

from coffeechat.strategy import document, evidence_items, queries
from coffeechat.strategy.models import TAG_HELP, Tag

register = template.Library()


@register.inclusion_tag("strategy/_occupation_options.html", takes_context=True)
def occupation_options(context: dict[str, Any], code: str) -> dict[str, Any]:
    """An occupation's page: the user's options for this work, the employers they name and
    which are targets; "Explore this as an option" when there are none. With ?option=<id>
    (from an option's occupation search), a button to link that option here."""
    request = context["request"]
    raw = request.GET.get("option", "")
    choosing = int(raw) if raw.isdigit() and len(raw) < 10 else None
    return {
        "panel": queries.occupation_options(request.user, code, choosing),
        "code": code,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("strategy/_tagger.html", takes_context=True)
def tag_item(context: dict[str, Any], item: Any, panel: evidence_items.TagPanel) -> dict[str, Any]:
    """One tap to tag an item fit+, fit−, gap, lead or fact, linked to an option."""
    key = evidence_items.item_key(item)
    return {
        "item": item,
        "key": key,
        "evidence": panel.by_item.get(key),
        "options": panel.options,
        "tags": Tag.choices,
        "help": TAG_HELP,
        "csrf_token": context.get("csrf_token"),
        "next": f"{context['request'].get_full_path()}#{evidence_items.anchor(item)}",
    }


@register.filter
def tag_url(item: Any) -> str:
    from django.urls import reverse

    kind, pk = evidence_items.item_key(item).split(":")
    return reverse(f"strategy:tag-{kind}", args=[int(pk)])


@register.filter
def source_url(mention_or_item: Any) -> str:
    """Where a quoted item lives: its conversation's After page, or the person's page."""
    return evidence_items.source_url(mention_or_item)


@register.filter
def anchor(item: Any) -> str:
    return evidence_items.anchor(item)


@register.filter
def is_reference(part: Any) -> bool:
    return isinstance(part, document.Reference)


@register.filter
def quote(evidence: Any) -> str:
    return document.quote(evidence)


@register.filter
def slug(tag: str) -> str:
    return {"fit+": "fit-plus", "fit-": "fit-minus"}.get(tag, tag)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)
