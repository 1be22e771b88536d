"""The People page's filters: how many of the folded ones are on (templates/network/people.html)."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

register = template.Library()

# Search stays in view; these fold behind "Filters" on a phone. Organization is one filter
# whether it was picked from the list (an id) or typed (a name).
FOLDED = (("stage",), ("organization_id", "organization_name"), ("tag",), ("connection",))


@register.filter
def folded_filters_on(filters: Mapping[str, object]) -> int:
    """How many of the filters behind "Filters" narrow the list, so the folded control says so."""
    return sum(1 for keys in FOLDED if any(filters.get(key) for key in keys))
