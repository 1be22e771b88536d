"""Today, put together in one place from each app's panel.

The first page after signing in: what is due, the day's meetings, messages that didn't leave,
how many are going cold, and (when nothing is due) whom to ask next on the target list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from django.utils import timezone

from coffeechat.accounts import firstrun
from coffeechat.accounts.models import User
from coffeechat.conversations import panels as conversation_panels
from coffeechat.outreach import panels as outreach_panels
from coffeechat.prep import panels as prep_panels
from coffeechat.targets import panels as target_panels


@dataclass(frozen=True)
class TodayPage:
    TEMPLATE: ClassVar[str] = "conversations/today.html"
    LISTS: ClassVar[str] = "conversations/today.html#lists"  # what an htmx action redraws

    lists: conversation_panels.TodayPanel  # due, meetings, coming up, stage counts
    not_sent: outreach_panels.OutboxProblemsPanel
    going_cold: prep_panels.GoingColdPanel
    # A new or thin account: the first steps, instead of "You're all caught up".
    first_run: firstrun.Checklist | None
    # Only when nothing is overdue or due today: what's due comes first.
    whom_to_ask: target_panels.WhomToAskPanel | None


def today_page(*, owner: User, now: datetime | None = None) -> TodayPage:
    now = now or timezone.now()
    lists = conversation_panels.today_panel(owner, now=now)
    return TodayPage(
        lists=lists,
        not_sent=outreach_panels.outbox_problems_panel(owner),
        going_cold=prep_panels.going_cold_panel(owner, now=now),
        first_run=firstrun.checklist_panel(owner),
        whom_to_ask=None if lists.has_due else target_panels.whom_to_ask_panel(owner),
    )
