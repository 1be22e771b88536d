"""Writes for accounts."""

from __future__ import annotations

from typing import Any

from coffeechat.accounts.models import User

SETTINGS_FIELDS = ("display_name", "time_zone", "working_days", "holiday_country",
                   "meeting_minutes", "digest_enabled")


def update_settings(*, user: User, **fields: Any) -> User:
    """Change the user's profile and calendar settings (validated before saving)."""
    for key, value in fields.items():
        if key in SETTINGS_FIELDS:
            setattr(user, key, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=[*SETTINGS_FIELDS])
    return user
