"""One way to write dates and times for people, in Python and in templates.

Every page, email and timeline line says a day as "Mon 3 Mar" and adds the year whenever it
is not this year ("Mon 3 Mar 2025"), and a time of day on the 24-hour clock ("14:20"), in
the user's time zone. The template filters in `coffeechat/lib/templatetags/dates.py` call
these functions, so a date never reads differently on two pages.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from django.utils import timezone

CLOCK = "%H:%M"


def _local(value: datetime | date, zone: tzinfo | None) -> datetime | date:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value, zone or timezone.get_current_timezone())
    return value


def _today(zone: tzinfo | None, now: datetime | None) -> date:
    now = now or timezone.now()
    return timezone.localtime(now, zone or timezone.get_current_timezone()).date()


def day(
    value: datetime | date,
    zone: tzinfo | None = None,
    now: datetime | None = None,
    *,
    weekday: bool = True,
    long: bool = False,
) -> str:
    """ "Mon 3 Mar", "Monday 3 March" (long), with the year when it isn't this year."""
    local = _local(value, zone)
    month = f"{local:%B}" if long else f"{local:%b}"
    text = f"{local.day} {month}"
    if weekday:
        text = (f"{local:%A} " if long else f"{local:%a} ") + text
    if local.year != _today(zone, now).year:
        text += f" {local.year}"
    return text


def day_time(
    value: datetime, zone: tzinfo | None = None, now: datetime | None = None, *, long: bool = False
) -> str:
    """ "Mon 3 Mar, 14:20", with the year when it isn't this year."""
    return f"{day(value, zone, now, long=long)}, {clock(value, zone)}"


def clock(value: datetime, zone: tzinfo | None = None) -> str:
    """ "14:20" on the user's clock."""
    return f"{_local(value, zone):{CLOCK}}"
