"""Time zones chosen by typing ("paris", "new york", "Europe/Paris"), not from a 600-option
<select> rendered on every load: the matches for a chooser, and a typed name resolved."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from functools import cache

from django.core.exceptions import ValidationError
from django.utils import timezone

from coffeechat.lib.combobox import LIMIT, Option
from coffeechat.search.fulltext import fold


@cache
def zones() -> tuple[str, ...]:
    """The IANA zones a person lives in (Area/City), and UTC."""
    return (
        *sorted(
            z
            for z in zoneinfo.available_timezones()
            if "/" in z and not z.startswith(("Etc/", "SystemV/"))
        ),
        "UTC",
    )


@cache
def _keys() -> tuple[tuple[str, str, str], ...]:
    # (zone, its whole name folded, its city folded): "america/new york", "new york".
    return tuple(
        (z, fold(z.replace("_", " ")), fold(z.rsplit("/", 1)[-1].replace("_", " ")))
        for z in zones()
    )


def label(zone: str) -> str:
    return zone.replace("_", " ")


def offset(zone: str, now: datetime | None = None) -> str:
    """ "UTC+01:00" now in `zone`."""
    moment = (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(zone))
    return f"UTC{moment:%z}"[:-2] + ":" + f"{moment:%z}"[-2:]


def matching(text: str) -> list[str]:
    """Zones whose name holds every word typed; a city that starts with them first."""
    words = fold(text.replace("_", " ").replace("/", " ")).split()
    if not words:
        return []
    query = " ".join(words)
    found = [
        (0 if city == query else 1 if city.startswith(query) else 2, zone)
        for zone, name, city in _keys()
        if all(w in name for w in words)
    ]
    return [zone for _rank, zone in sorted(found)]


def to_choose(text: str) -> list[Option]:
    return [
        Option(value=label(z), label=label(z), detail=offset(z))
        for z in matching(text)[: LIMIT + 1]
    ]


def resolve(text: str) -> str:
    """The zone `text` names: its exact name (any case, spaces or underscores), or the one
    zone whose city it is, or the one zone that matches. Else a ValidationError saying why."""
    query = fold(text.replace("_", " "))
    for zone, name, _city in _keys():
        if name == query:
            return zone
    cities = [zone for zone, _name, city in _keys() if city == query]
    found = cities or matching(text)
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValidationError(
            f"“{text}” isn't a time zone we know. Type a city, such as "
            "“Paris” or “America/New York”."
        )
    shown = ", ".join(f"“{label(z)}”" for z in found[:5])
    raise ValidationError(
        f"“{text}” could be {shown}{' …' if len(found) > 5 else ''}: type the one you mean."
    )
