"""What outreach contributes to a conversation's page: its messages, typed."""

from __future__ import annotations

from dataclasses import dataclass

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
