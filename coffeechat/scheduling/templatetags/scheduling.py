"""The calendar feed card Settings includes (the Meetings card is scheduling/panels.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("scheduling/_feed_card.html", takes_context=True)
def calendar_feed_card(context: template.Context) -> dict[str, Any]:
    """The Settings card with the secret feed URL (https and webcal) and its controls."""
    request = context["request"]
    token = request.user.calendar_token
    https_url = webcal_url = ""
    if token:
        https_url = request.build_absolute_uri(reverse("scheduling:feed", args=[token]))
        webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return {
        "csrf_token": context.get("csrf_token"),
        "https_url": https_url,
        "webcal_url": webcal_url,
    }
