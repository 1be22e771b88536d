"""What outreach contributes to pages: a conversation's messages, and Today's "Not sent" card."""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.outreach import queries
from coffeechat.outreach.models import Message


@dataclass(frozen=True)
class MessageRow:
    message: Message
    state: queries.OutboxState | None  # on its way out, or stuck; None for drafts and sent ones


@dataclass(frozen=True)
class MessagesPanel:
    """The conversation's messages, newest first, each with its delivery state."""

    conversation: Conversation
    rows: list[MessageRow]


def messages_panel(conversation: Conversation) -> MessagesPanel:
    messages = conversation.messages.filter(owner_id=conversation.owner_id).order_by("-created_at")
    return MessagesPanel(
        conversation=conversation,
        rows=[MessageRow(message, queries.outbox_state(message)) for message in messages],
    )


@dataclass(frozen=True)
class OutboxProblemsPanel:
    """Today's "Not sent": the newest messages that failed or keep failing, and how many."""

    states: list[queries.OutboxState]  # at most queries.OUTBOX_SHOWN
    total: int

    @property
    def more(self) -> int:
        """How many are not listed (each is on its conversation's page)."""
        return self.total - len(self.states)


def outbox_problems_panel(owner: User) -> OutboxProblemsPanel:
    """Two queries whatever the size of the outbox."""
    states, total = queries.outbox_problems(owner)
    return OutboxProblemsPanel(states=states, total=total)
