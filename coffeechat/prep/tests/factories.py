"""Rows the prep tests need, built through the real services."""

from __future__ import annotations

from datetime import datetime, timedelta

from coffeechat.accounts.models import User
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Conversation
from coffeechat.network import services as network


def make_scheduled(owner: User, *, now: datetime, name: str = "Dana Okafor",
                   title: str = "Data Analyst", purpose: str = "How analytics teams work",
                   minutes: int = 20, email: str = "dana@example.org",
                   starts_at: datetime | None = None) -> Conversation:
    """A conversation with a video meeting (by default an hour after `now`)."""
    person = network.add_person(owner=owner, full_name=name, organization_name="Northwind",
                                title=title, email=email)
    conversation = conversations.start_conversation(owner=owner, person=person,
                                                    purpose=purpose, now=now)
    conversations.schedule_meeting(conversation=conversation,
                                   starts_at=starts_at or now + timedelta(hours=1),
                                   minutes=minutes, mode="video", now=now)
    conversation.refresh_from_db()
    return conversation
