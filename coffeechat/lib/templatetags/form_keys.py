"""`{% form_key %}`: the hidden one-time key of a creating form (lib/idempotency.py)."""

from __future__ import annotations

import uuid

from django import template
from django.utils.html import format_html

from coffeechat.lib import idempotency

register = template.Library()


@register.simple_tag
def form_key() -> str:
    # New each time the form is drawn, including after a submission (an htmx answer that
    # draws the form again): the next thing typed into it is a new submission.
    return format_html(
        '<input type="hidden" name="{}" value="{}">', idempotency.FIELD, uuid.uuid4()
    )
