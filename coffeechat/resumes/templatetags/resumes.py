"""Formatting a resume: its preview and its dates. (What resumes shows on other apps' pages is
`resumes.panels`, put together with those pages in `coffeechat/pages/`.)"""

from __future__ import annotations

from typing import Any

from django import template

from coffeechat.resumes import present

register = template.Library()


register.filter("resume_date", present.resume_date)


@register.inclusion_tag("resumes/_preview.html")
def resume_preview(printable: dict[str, Any]) -> dict[str, Any]:
    """Our HTML of what will print (hidden parts already taken out by the caller)."""
    return {"header": present.header(printable), "blocks": present.blocks(printable)}
