"""What prep contributes to pages: a person's keep-in-touch cadence, and Today's "going cold"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coffeechat.accounts.models import User
from coffeechat.network.models import Person
from coffeechat.prep import queries


@dataclass(frozen=True)
class KeepInTouchPanel:
    person: Person
    every_weeks: int
    last_touch_at: datetime | None


def keep_in_touch_panel(person: Person) -> KeepInTouchPanel:
    return KeepInTouchPanel(
        person=person, every_weeks=person.keep_in_touch_weeks, last_touch_at=person.last_touch_at
    )


@dataclass(frozen=True)
class GoingColdPanel:
    """Today's stats row: how many people are going cold (the list is prep:going-cold)."""

    count: int


def going_cold_panel(owner: User, *, now: datetime) -> GoingColdPanel:
    return GoingColdPanel(count=queries.going_cold_count(owner, now))
