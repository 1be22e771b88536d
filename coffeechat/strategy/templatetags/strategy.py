"""Formatting strategy's parts: an item's tag buttons (from a `TagPanel` its page already read,
see strategy.panels), where a quote comes from, tag names as class names."""

from __future__ import annotations

from typing import Any

from django import template

from coffeechat.strategy import document, evidence_items
from coffeechat.strategy.models import TAG_HELP, Tag

register = template.Library()


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
