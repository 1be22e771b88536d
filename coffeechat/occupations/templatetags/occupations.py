"""O*NET's credit line, for every page that shows its information: `{{ loaded|onet_credit }}`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template

from coffeechat.occupations import credit

if TYPE_CHECKING:
    from coffeechat.occupations.models import Release

register = template.Library()


@register.filter
def onet_credit(loaded: Release) -> str:
    return credit.attribution(loaded)
