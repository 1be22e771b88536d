"""Settings, put together in one place: the account's own form and the other apps' cards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from coffeechat.accounts.forms import SettingsForm
from coffeechat.accounts.models import User
from coffeechat.scheduling import panels as scheduling_panels


@dataclass(frozen=True)
class SettingsPage:
    TEMPLATE: ClassVar[str] = "accounts/settings.html"

    form: SettingsForm  # the calendar: week, time zone, holidays
    calendar_feed: scheduling_panels.CalendarFeedPanel


def settings_page(
    *, owner: User, form: SettingsForm, absolute: Callable[[str], str]
) -> SettingsPage:
    """`form`: bound to a copy of `owner` (with its errors after a failed save);
    `absolute`: makes a path a full address on the host the user reached."""
    return SettingsPage(
        form=form,
        calendar_feed=scheduling_panels.calendar_feed_panel(owner, absolute=absolute),
    )
