"""Reads for conversations, reminders, notes, timelines and the board, scoped to one owner.

The rest of the app's reads live by what they serve: `today.py` (Today's sections and
meetings), `next_step.py` (what a conversation asks of the user now) and `suggestions.py`
(whom else to ask at the same organization).
"""

from __future__ import annotations

from django.db.models import Count, QuerySet

from coffeechat.accounts.models import User
from coffeechat.conversations.models import (
    CLOSED_STAGES,
    OPEN_STAGES,
    Activity,
    Conversation,
    Note,
    Reminder,
    Stage,
)
from coffeechat.lib.models import get_owned
from coffeechat.network.models import Person

CLOSED_ON_BOARD = 10  # the most recently closed; all of them on People, filtered by stage
COLUMN_CARDS = 15  # an open column shows this many; the rest are on People, filtered by stage


def get_conversation(owner: User, conversation_id: int) -> Conversation:
    """The owner's conversation, or 404."""
    return get_owned(
        Conversation.objects.select_related("person__organization", "owner"),
        owner=owner,
        pk=conversation_id,
    )


def conversations_for(
    owner: User, *, stage: str = "", person_id: int | None = None
) -> QuerySet[Conversation]:
    """The owner's conversations, of one stage or one person when asked (the JSON API's list)."""
    conversations = Conversation.objects.filter(owner=owner).select_related("person")
    if stage:
        conversations = conversations.filter(stage=stage)
    if person_id:
        conversations = conversations.filter(person_id=person_id)
    return conversations


def reminders_for(owner: User, *, status: str = "") -> QuerySet[Reminder]:
    """The owner's reminders, of one status when asked (the JSON API's list)."""
    reminders = Reminder.objects.filter(owner=owner).select_related("conversation__person")
    return reminders.filter(status=status) if status else reminders


def get_reminder(owner: User, reminder_id: int) -> Reminder:
    """The owner's reminder, or 404."""
    return get_owned(
        Reminder.objects.select_related(
            "conversation__person__organization", "conversation__owner"
        ),
        owner=owner,
        pk=reminder_id,
    )


def conversations_of(person: Person) -> QuerySet[Conversation]:
    return person.conversations.filter(owner_id=person.owner_id).order_by("-created_at")


class Cards(list[Conversation]):
    """A column's first cards; `total`: how many conversations the stage holds."""

    total: int = 0


def board_for(owner: User) -> list[tuple[Stage, Cards]]:
    """One column per stage with its most recently moved conversations, at most
    COLUMN_CARDS each (CLOSED_ON_BOARD for the closed ones), and every column's total.

    One query per column through the (owner, stage, stage_changed_at) index, never the whole
    pipeline: 20,000 conversations cost what 200 do.
    """
    totals = stage_counts_for(owner)
    board = []
    for stage in OPEN_STAGES + CLOSED_STAGES:
        cap = CLOSED_ON_BOARD if stage in CLOSED_STAGES else COLUMN_CARDS
        cards = Cards(
            Conversation.objects.filter(owner=owner, stage=stage)
            .select_related("person__organization")
            .order_by("-stage_changed_at")[:cap]
            if totals[stage]
            else []
        )
        cards.total = totals[stage]
        board.append((Stage(stage), cards))
    return board


def stage_counts_for(owner: User) -> dict[str, int]:
    """How many of the owner's conversations are in each stage."""
    counts = dict.fromkeys(Stage.values, 0)
    rows = Conversation.objects.filter(owner=owner).values("stage").annotate(n=Count("pk"))
    counts.update({row["stage"]: row["n"] for row in rows})
    return counts


def timeline_for(person: Person, limit: int = 200) -> QuerySet[Activity]:
    """The newest lines of the person's timeline."""
    return person.activities.filter(owner_id=person.owner_id).order_by("-occurred_at", "-pk")[
        :limit
    ]


def reminders_of(conversation: Conversation) -> QuerySet[Reminder]:
    return conversation.reminders.filter(owner_id=conversation.owner_id).order_by(
        "status", "due_at"
    )


def notes_of(person: Person) -> QuerySet[Note]:
    """The notes kept on `person`, newest first."""
    return person.person_notes.filter(owner_id=person.owner_id).order_by("-created_at", "-pk")
