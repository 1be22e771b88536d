"""Rows the strategy tests need, built through the real services."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Conversation
from coffeechat.network import services as network
from coffeechat.prep import services as prep
from coffeechat.prep.models import Capture


def talk(
    owner: User,
    name: str,
    *,
    organization: str = "",
    now: datetime | None = None,
    purpose: str = "How the work really goes",
) -> Conversation:
    """A conversation with a new person (at `organization` when given)."""
    person = network.add_person(owner=owner, full_name=name, organization_name=organization)
    return conversations.start_conversation(
        owner=owner, person=person, purpose=purpose, now=now or timezone.now()
    )


def advice(
    conversation: Conversation, text: str, *, kind: str = "advice", now: datetime | None = None
) -> Capture:
    return prep.add_capture(conversation=conversation, kind=kind, text=text, now=now)


def said(owner: User, *pairs: tuple[str, str], organization: str = "") -> list[Capture]:
    """(person, advice) pairs; each new person name is a new conversation."""
    by_name: dict[str, Conversation] = {}
    captures = []
    for name, text in pairs:
        if name not in by_name:
            by_name[name] = talk(owner, name, organization=organization)
        captures.append(advice(by_name[name], text))
    return captures
