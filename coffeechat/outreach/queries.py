"""Reads for outreach. Every function is scoped to one owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Q, QuerySet

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.lib.models import get_owned
from coffeechat.network.models import Introduction, Person
from coffeechat.outreach.models import Message, MessageKind, OutreachSettings, Template


def settings_for(owner: User) -> OutreachSettings:
    """The owner's outreach settings, created with the defaults on first use.

    The unique constraint on owner makes two first requests at once end with one row:
    get_or_create retries the read when its insert loses the race.
    """
    outreach_settings, _ = OutreachSettings.objects.get_or_create(owner=owner)
    return outreach_settings


# The composer --------------------------------------------------------------------------------

SENT_STATUSES = (Message.Status.QUEUED, Message.Status.SENT, Message.Status.SENT_ELSEWHERE)
# The kinds that open a thread: they count against the daily budget and start the 3B7 timers.
FIRST_REQUEST_KINDS = (MessageKind.REQUEST, MessageKind.LINKEDIN_MESSAGE)


def messages_of(conversation: Conversation) -> QuerySet[Message]:
    """The conversation's messages, newest first (the JSON API's list)."""
    return (
        Message.objects.filter(owner_id=conversation.owner_id, conversation=conversation)
        .select_related("in_reply_to")
        .order_by("-created_at", "-pk")
    )


def get_message(owner: User, message_id: int) -> Message:
    """The owner's message, or 404."""
    return get_owned(
        Message.objects.select_related("conversation__person__organization"),
        owner=owner,
        pk=message_id,
    )


def draft_of(conversation: Conversation, kind: str) -> Message | None:
    """The conversation's newest unsent draft of this kind, if any."""
    return (
        Message.objects.filter(
            owner_id=conversation.owner_id,
            conversation=conversation,
            kind=kind,
            status=Message.Status.DRAFT,
        )
        .order_by("-updated_at", "-pk")
        .first()
    )


def first_request_of(conversation: Conversation) -> Message | None:
    """The request that opened the thread (email or LinkedIn), once it went out."""
    return (
        Message.objects.filter(
            owner_id=conversation.owner_id,
            conversation=conversation,
            kind__in=FIRST_REQUEST_KINDS,
            status__in=SENT_STATUSES,
        )
        .order_by("created_at", "pk")
        .first()
    )


def first_requests_sent_on(owner: User, now: datetime) -> int:
    """How many threads the owner opened on their local today (RULE-F3's daily budget)."""
    calendar = owner.calendar
    start = datetime.combine(calendar.local_date(now), time(0), tzinfo=calendar.zone)
    return (
        Message.objects.filter(owner=owner, kind__in=FIRST_REQUEST_KINDS, status__in=SENT_STATUSES)
        .filter(
            Q(queued_at__gte=start) | Q(status=Message.Status.SENT_ELSEWHERE, sent_at__gte=start)
        )
        .count()
    )


def introducer_of(person: Person) -> Person | None:
    """Who most recently introduced the owner to `person`."""
    introduction = (
        Introduction.objects.filter(owner_id=person.owner_id, introduced=person)
        .select_related("introducer")
        .order_by("-introduced_on", "-pk")
        .first()
    )
    return introduction.introducer if introduction else None


def templates_for(owner: User, kind: str = "") -> QuerySet[Template]:
    """The owner's own templates (of one kind when given), by kind and name."""
    templates = Template.objects.filter(owner=owner)
    return templates.filter(kind=kind) if kind else templates


def get_template(owner: User, template_id: int) -> Template:
    """The owner's template, or 404."""
    return get_owned(Template, owner=owner, pk=template_id)


# The outbox: messages that haven't left (issue 11: honest delivery) -----------------------------

OUTBOX_SHOWN = 5  # Today lists this many; the count says how many more


@dataclass(frozen=True)
class OutboxState:
    """What happened to a message on its way out, in words the user can act on."""

    message: Message
    label: str  # "Waiting to be sent", "Not sent yet", "Not sent"
    reason: str  # the mail server's answer in a sentence (mailer.describe_error), or ""
    next_try: datetime | None  # when the worker tries again, for a message still queued
    can_retry: bool  # the user can send it again now (after fixing their settings)
    is_problem: bool  # shown on Today: it failed, or it keeps failing

    @property
    def stopped(self) -> bool:
        return self.message.status == Message.Status.FAILED


def outbox_state(message: Message) -> OutboxState | None:
    """The delivery state of a queued or failed message; None for drafts and sent ones."""
    if message.status == Message.Status.FAILED:
        return OutboxState(message, "Not sent", message.last_error, None, True, True)
    if message.status != Message.Status.QUEUED:
        return None
    if message.last_error:
        return OutboxState(
            message, "Not sent yet", message.last_error, message.next_attempt_at, True, True
        )
    return OutboxState(message, "Waiting to be sent", "", message.next_attempt_at, False, False)


def outbox_problems(owner: User) -> tuple[list[OutboxState], int]:
    """Messages that failed or keep failing, newest first (at most OUTBOX_SHOWN), and how many
    there are in all. Two queries whatever the size of the outbox."""
    stuck = (
        Message.objects.filter(owner=owner)
        .filter(
            Q(status=Message.Status.FAILED) | (Q(status=Message.Status.QUEUED) & ~Q(last_error=""))
        )
        .select_related("conversation__person")
        .order_by("-updated_at", "-pk")
    )
    states = [outbox_state(message) for message in stuck[:OUTBOX_SHOWN]]
    return [s for s in states if s is not None], stuck.count()
