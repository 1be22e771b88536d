"""Time zones for scheduling: whose clock a time is read on, and how it is written out.

Everything is stored in UTC and converted with zoneinfo at the edges, so a slot across a
daylight-saving change keeps its wall-clock time in the zone it was typed in.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coffeechat.accounts.models import User
from coffeechat.network.models import Person


def zone_of_user(user: User) -> ZoneInfo:
    """The user's own zone (their settings)."""
    return ZoneInfo(user.time_zone)


def zone_of_person(person: Person, user: User) -> ZoneInfo:
    """The person's zone; empty (or unknown) means the same as the user's."""
    if person.time_zone:
        try:
            return ZoneInfo(person.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return zone_of_user(user)


def zone_label(zone: tzinfo) -> str:
    """'Los Angeles' for America/Los_Angeles: what people call their own time."""
    key = getattr(zone, "key", str(zone))
    return key.rsplit("/", 1)[-1].replace("_", " ")


def local(moment: datetime, zone: tzinfo) -> datetime:
    return moment.astimezone(zone)


def format_slot(starts_at: datetime, minutes: int, zone: tzinfo) -> str:
    """'Tue 3 Mar, 09:00–09:20 PST': the span on `zone`'s clock, with its abbreviation.

    The abbreviation comes from the start, so a slot on the day the clocks change says
    which offset it means.
    """
    start = local(starts_at, zone)
    end = local(starts_at + timedelta(minutes=minutes), zone)
    return f"{start:%a} {start.day} {start:%b}, {start:%H:%M}–{end:%H:%M} {start.tzname()}"
