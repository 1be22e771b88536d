"""Plain helpers that build outreach rows through the real services."""

from __future__ import annotations

from datetime import date

from coffeechat.accounts.models import User
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Conversation
from coffeechat.network import services as network
from coffeechat.network.models import Person
from coffeechat.outreach import services
from coffeechat.outreach.models import Message, MessageKind

GOOD_SUBJECT = "Fellow State University alum: your advice on product analytics"
GOOD_BODY = (
    "Hi Dana,\n\n"
    "I'm a fellow State University graduate and found you through our alumni network. "
    "I'm exploring product analytics, and your work as Analytics Lead at Northwind stood "
    "out to me. Would you be open to a 20-minute call in the next few weeks to share your "
    "perspective?\n\nThank you,\nAlice\n"
)


def profile(user: User, **fields: object) -> User:
    """Fill in what templates say about the user."""
    values = {
        "display_name": "Alice Martin",
        "school": "State University",
        "field_broad": "product analytics",
        "field_narrow": "health tech",
        "profile_url": "https://www.linkedin.com/in/alice-martin",
        **fields,
    }
    for key, value in values.items():
        setattr(user, key, value)
    user.save()
    return user


def make_recipient(
    owner: User,
    *,
    connection: str = Person.Connection.ALUMNI,
    full_name: str = "Dana Okafor",
    **fields: object,
) -> Person:
    fields.setdefault("title", "Analytics Lead")
    fields.setdefault("email", "dana@northwind.example")
    return network.add_person(
        owner=owner,
        full_name=full_name,
        organization_name=str(fields.pop("organization", "Northwind")),
        connection=connection,
        **fields,
    )


def make_conversation(
    owner: User,
    *,
    person: Person | None = None,
    purpose: str = "How analytics teams choose what to measure",
) -> Conversation:
    person = person or make_recipient(owner)
    return conversations.start_conversation(owner=owner, person=person, purpose=purpose)


def make_draft(
    conversation: Conversation,
    *,
    kind: str = MessageKind.REQUEST,
    subject: str = GOOD_SUBJECT,
    body: str = GOOD_BODY,
    to_email: str = "dana@northwind.example",
) -> Message:
    return services.save_draft(
        conversation=conversation, kind=kind, to_email=to_email, subject=subject, body=body
    )


def introduce(owner: User, person: Person, introducer_name: str = "Sam Rivera") -> Person:
    introducer = network.add_person(owner=owner, full_name=introducer_name)
    network.add_introduction(
        introducer=introducer, introduced=person, introduced_on=date(2026, 10, 1)
    )
    return introducer
