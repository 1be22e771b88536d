"""The time a service acts at."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def current_time(now: datetime | None = None) -> datetime:
    """`now` when the caller gives one (tests, the demo's story, a batch acting at one instant),
    otherwise the current time."""
    return now or timezone.now()
