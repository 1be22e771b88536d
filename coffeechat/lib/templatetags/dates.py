"""Date filters for every template (a builtin: no `{% load %}` needed). See lib/dates.py.

{{ when|day }}          Mon 3 Mar            (Mon 3 Mar 2025 in another year)
{{ when|day_long }}     Monday 3 March
{{ when|day_short }}    3 Mar                (no weekday)
{{ when|day_time }}     Mon 3 Mar, 14:20
{{ when|day_time_long }} Monday 3 March, 14:20
{{ when|clock }}        14:20
"""

from __future__ import annotations

from datetime import date, datetime

from django import template

from coffeechat.lib import dates

register = template.Library()


def _safe(function):  # an empty value prints nothing, as Django's |date does
    def wrapped(value: datetime | date | None) -> str:
        if value in (None, ""):
            return ""
        return function(value)

    wrapped.__name__ = function.__name__
    return wrapped


@register.filter
@_safe
def day(value: datetime | date) -> str:
    return dates.day(value)


@register.filter
@_safe
def day_long(value: datetime | date) -> str:
    return dates.day(value, long=True)


@register.filter
@_safe
def day_short(value: datetime | date) -> str:
    return dates.day(value, weekday=False)


@register.filter
@_safe
def day_time(value: datetime) -> str:
    return dates.day_time(value)


@register.filter
@_safe
def day_time_long(value: datetime) -> str:
    return dates.day_time(value, long=True)


@register.filter
@_safe
def clock(value: datetime) -> str:
    return dates.clock(value)
