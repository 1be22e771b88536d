"""Reads for conversations, reminders and timelines. Every function is scoped to one owner."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from coffeechat.accounts.models import User
from coffeechat.conversations.models import (
    CLOSED_STAGES,
    OPEN_STAGES,
    Activity,
    Conversation,
    Meeting,
    Reminder,
    Stage,
)
from coffeechat.network.models import Person

CLOSED_ON_BOARD = 30


def get_conversation(owner: User, conversation_id: int) -> Conversation:
    """The owner's conversation, or 404."""
    return get_object_or_404(
        Conversation.objects.filter(owner=owner).select_related("person__organization", "owner"),
        pk=conversation_id)


def get_reminder(owner: User, reminder_id: int) -> Reminder:
    """The owner's reminder, or 404."""
    return get_object_or_404(
        Reminder.objects.filter(owner=owner).select_related(
            "conversation__person__organization", "conversation__owner"),
        pk=reminder_id)


def conversations_of(person: Person) -> QuerySet[Conversation]:
    return person.conversations.filter(owner_id=person.owner_id).order_by("-created_at")


def end_of_local_day(owner: User, now: datetime) -> datetime:
    calendar = owner.calendar
    today = calendar.local_date(now)
    return datetime.combine(today + timedelta(days=1), time(0), tzinfo=calendar.zone)


def _open_reminders(owner: User) -> QuerySet[Reminder]:
    return (Reminder.objects.filter(owner=owner, status=Reminder.Status.OPEN)
            .select_related("conversation__person__organization").order_by("due_at"))


def due_reminders_for(owner: User, now: datetime) -> QuerySet[Reminder]:
    """Open reminders due by the end of the owner's today (overdue ones first)."""
    return _open_reminders(owner).filter(due_at__lt=end_of_local_day(owner, now))


def upcoming_reminders_for(owner: User, now: datetime, days: int = 7) -> QuerySet[Reminder]:
    """Open reminders due after today and within `days` days."""
    start = end_of_local_day(owner, now)
    return _open_reminders(owner).filter(due_at__gte=start,
                                         due_at__lt=start + timedelta(days=days))


def meetings_today_for(owner: User, now: datetime) -> QuerySet[Meeting]:
    """Meetings on the owner's local today."""
    end = end_of_local_day(owner, now)
    return (Meeting.objects.filter(owner=owner, starts_at__gte=end - timedelta(days=1),
                                   starts_at__lt=end)
            .select_related("conversation__person__organization").order_by("starts_at"))


def upcoming_meetings_for(owner: User, now: datetime) -> QuerySet[Meeting]:
    return (Meeting.objects.filter(owner=owner, starts_at__gte=now)
            .select_related("conversation__person__organization").order_by("starts_at"))


def board_for(owner: User) -> list[tuple[Stage, list[Conversation]]]:
    """One column per stage with its conversations; closed ones only the most recent."""
    conversations = (Conversation.objects.filter(owner=owner)
                     .select_related("person__organization").order_by("-stage_changed_at"))
    columns: dict[str, list[Conversation]] = {stage: [] for stage in OPEN_STAGES + CLOSED_STAGES}
    for conversation in conversations:
        column = columns[conversation.stage]
        if conversation.stage in CLOSED_STAGES and len(column) >= CLOSED_ON_BOARD:
            continue
        column.append(conversation)
    return [(Stage(stage), cards) for stage, cards in columns.items()]


def stage_counts_for(owner: User) -> dict[str, int]:
    """How many of the owner's conversations are in each stage."""
    counts = dict.fromkeys(Stage.values, 0)
    rows = Conversation.objects.filter(owner=owner).values("stage").annotate(n=Count("pk"))
    counts.update({row["stage"]: row["n"] for row in rows})
    return counts


def timeline_for(person: Person, limit: int = 200) -> QuerySet[Activity]:
    """The newest lines of the person's timeline."""
    return person.activities.filter(owner_id=person.owner_id).order_by(
        "-occurred_at", "-pk")[:limit]


def reminders_of(conversation: Conversation) -> QuerySet[Reminder]:
    return conversation.reminders.filter(owner_id=conversation.owner_id).order_by(
        "status", "due_at")
