"""Reads for scheduling. Every function is scoped to one owner (the feed, to one token)."""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

from django.db.models import QuerySet

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation, Meeting, Reminder, SlotProposal
from coffeechat.lib.models import get_owned

FEED_PAST = timedelta(days=90)  # how far back the feed reaches: recent meetings stay visible
TOKEN_PREFIX = 8  # characters looked up in the index; the rest is compared in constant time
MIN_TOKEN_LENGTH = 32


def get_meeting(owner: User, meeting_id: int) -> Meeting:
    """The owner's meeting, or 404."""
    return get_owned(
        Meeting.objects.select_related(
            "conversation__person__organization", "conversation__owner", "owner"
        ),
        owner=owner,
        pk=meeting_id,
    )


def get_proposal(owner: User, proposal_id: int) -> SlotProposal:
    """The owner's proposed slot, or 404."""
    return get_owned(
        SlotProposal.objects.select_related("conversation__person", "conversation__owner"),
        owner=owner,
        pk=proposal_id,
    )


def open_proposals_of(conversation: Conversation) -> QuerySet[SlotProposal]:
    """The slots offered and not yet taken, soonest first."""
    return SlotProposal.objects.filter(
        owner_id=conversation.owner_id, conversation=conversation, accepted=False
    ).order_by("starts_at")


def meetings_of(conversation: Conversation) -> QuerySet[Meeting]:
    """The conversation's meetings, earliest first (cancelled ones included)."""
    return (
        Meeting.objects.filter(owner_id=conversation.owner_id, conversation=conversation)
        .select_related("owner", "conversation__person")
        .order_by("starts_at")
    )


def feed_owner(token: str) -> User | None:
    """The active user whose calendar feed token is `token`, or None.

    The index finds candidates by a short prefix; the whole token is then compared with
    hmac.compare_digest, so response time says nothing about how much of a guess was right.
    """
    if len(token) < MIN_TOKEN_LENGTH:
        return None
    candidates = User.objects.filter(
        is_active=True, calendar_token__startswith=token[:TOKEN_PREFIX]
    )
    for user in candidates:
        if hmac.compare_digest(user.calendar_token.encode(), token.encode()):
            return user
    return None


def feed_meetings_for(owner: User, now: datetime) -> QuerySet[Meeting]:
    """Planned and held meetings from FEED_PAST ago on; cancelled ones drop out of the feed."""
    return (
        Meeting.objects.filter(owner=owner, starts_at__gte=now - FEED_PAST)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("owner", "conversation__person")
        .order_by("starts_at")
    )


def feed_reminders_for(owner: User, now: datetime) -> QuerySet[Reminder]:
    """Open reminders due from FEED_PAST ago on (overdue ones stay until they are done)."""
    return Reminder.objects.filter(
        owner=owner, status=Reminder.Status.OPEN, due_at__gte=now - FEED_PAST
    ).order_by("due_at")
