"""People, organizations and conversations for tests, built through the real services."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from coffeechat.accounts.models import User
from coffeechat.conversations import meetings, reminders, services
from coffeechat.conversations.models import Conversation, Reminder
from coffeechat.network import services as network
from coffeechat.network.models import Organization, Person

_serial = itertools.count(1)


def make_user(**fields) -> User:
    n = next(_serial)
    fields.setdefault("display_name", f"User {n}")
    return User.objects.create_user(f"user{n}@example.org", "correct horse battery", **fields)


def make_person(
    owner: User, full_name: str = "Grace Hopper", organization: str = "Navy", **fields
) -> Person:
    return network.add_person(
        owner=owner, full_name=full_name, organization_name=organization, **fields
    )


def make_organization(owner: User, name: str = "Navy", **fields) -> Organization:
    return network.add_organization(owner=owner, name=name, **fields)


def make_conversation(
    owner: User,
    *,
    person: Person | None = None,
    now: datetime | None = None,
    purpose: str = "How compilers get built",
) -> Conversation:
    person = person or make_person(owner)
    return services.start_conversation(owner=owner, person=person, purpose=purpose, now=now)


def make_due_reminder(
    owner: User,
    *,
    due_at: datetime,
    title: str = "Call back",
    conversation: Conversation | None = None,
) -> Reminder:
    """A custom reminder of `owner`'s that is due at `due_at`."""
    conversation = conversation or make_conversation(owner)
    return reminders.add_reminder(conversation=conversation, title=title, due_at=due_at)


def open_reminders(conversation: Conversation) -> list[Reminder]:
    return list(conversation.reminders.filter(status=Reminder.Status.OPEN).order_by("due_at"))


def make_scheduled(
    owner: User,
    *,
    now: datetime,
    name: str = "Dana Okafor",
    title: str = "Data Analyst",
    purpose: str = "How analytics teams work",
    minutes: int = 20,
    email: str = "dana@example.org",
    starts_at: datetime | None = None,
) -> Conversation:
    """A conversation with a video meeting (by default an hour after `now`)."""
    person = make_person(owner, name, "Northwind", title=title, email=email)
    conversation = services.start_conversation(owner=owner, person=person, purpose=purpose, now=now)
    meetings.schedule_meeting(
        conversation=conversation,
        starts_at=starts_at or now + timedelta(hours=1),
        minutes=minutes,
        mode="video",
        now=now,
    )
    conversation.refresh_from_db()
    return conversation
