"""Tools for today: the agenda, reminders, completing one."""

from __future__ import annotations

from typing import Annotated, Literal

from django.utils import timezone
from pydantic import Field

from coffeechat.accounts.models import User
from coffeechat.conversations import queries as conversation_queries
from coffeechat.conversations import reminders
from coffeechat.conversations import suggestions as conversation_suggestions
from coffeechat.conversations import today as conversation_today
from coffeechat.conversations.models import Reminder, Stage
from coffeechat.mcpserver.tools.common import (
    MAX_LIST,
    Limit,
    Result,
    find_one,
    meeting_row,
    person_row,
    reminder_row,
    when,
)

# Today and reminders --------------------------------------------------------------------------


def today_agenda(owner: User) -> Result:
    now = timezone.now()
    due = list(conversation_today.due_reminders_for(owner, now)[:MAX_LIST])
    asking = [
        r.conversation
        for r in due
        if r.kind == Reminder.Kind.TRY_ANOTHER and r.conversation.stage == Stage.CONTACTED
    ]
    suggestions = conversation_suggestions.suggestions_by_conversation(owner, asking)
    rows = []
    for reminder in due:
        row = reminder_row(reminder, owner)
        found = suggestions.get(reminder.conversation_id)
        if found is not None:  # 3B: whom to ask next at the same organization (RULE-C1, C4)
            row["ask_next"] = [person_row(p) for p in found.people]
        rows.append(row)
    return {
        "now": when(now, owner),
        "time_zone": owner.time_zone,
        "overdue": [r for r, rem in zip(rows, due, strict=True) if rem.due_at < now],
        "due_today": [r for r, rem in zip(rows, due, strict=True) if rem.due_at >= now],
        "meetings_today": [
            meeting_row(m, owner)
            for m in conversation_today.meetings_today_for(owner, now)[:MAX_LIST]
        ],
        "coming_week": [
            reminder_row(r, owner)
            for r in conversation_today.upcoming_reminders_for(owner, now)[:MAX_LIST]
        ],
        "conversations_by_stage": conversation_queries.stage_counts_for(owner),
    }


def list_reminders(
    owner: User,
    *,
    period: Annotated[
        Literal["due", "upcoming"],
        Field(
            description="'due': overdue and due by the end of today; 'upcoming': "
            "due after today, within `days`."
        ),
    ] = "due",
    days: Annotated[
        int, Field(ge=1, le=60, description="For 'upcoming': how many days ahead.")
    ] = 7,
    limit: Limit = 20,
) -> Result:
    now = timezone.now()
    reminders = (
        conversation_today.due_reminders_for(owner, now)
        if period == "due"
        else conversation_today.upcoming_reminders_for(owner, now, days=days)
    )
    return {"reminders": [reminder_row(r, owner) for r in reminders[:limit]]}


def complete_reminder(
    owner: User,
    *,
    reminder_id: Annotated[int, Field(description="A reminder id.")],
    dismiss: Annotated[
        bool, Field(description="True to put it away without doing it, instead of marking it done.")
    ] = False,
) -> Result:
    reminder = find_one("reminder", conversation_queries.get_reminder, owner, reminder_id)
    if dismiss:
        reminders.dismiss_reminder(reminder=reminder)
    else:
        reminders.complete_reminder(reminder=reminder)
    return reminder_row(reminder, owner)
