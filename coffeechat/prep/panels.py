"""What prep contributes to a person's page: how often to keep in touch, and a touch to log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coffeechat.network.models import Person


@dataclass(frozen=True)
class KeepInTouchPanel:
    person: Person
    every_weeks: int
    last_touch_at: datetime | None


def keep_in_touch_panel(person: Person) -> KeepInTouchPanel:
    return KeepInTouchPanel(
        person=person, every_weeks=person.keep_in_touch_weeks, last_touch_at=person.last_touch_at
    )
