"""Template tags that let pages of other apps show a number from prep without importing it."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from coffeechat.prep import queries

register = template.Library()


@register.simple_tag(takes_context=True)
def going_cold_count(context: dict[str, Any]) -> int:
    """How many of the signed-in user's people are going cold (for the Today stats row)."""
    return queries.going_cold_count(context["request"].user, timezone.now())
