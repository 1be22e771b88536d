"""Rows the target tests need, built through the real services."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from coffeechat.accounts.models import User
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Conversation
from coffeechat.network import services as network
from coffeechat.network.models import Person
from coffeechat.targets import services
from coffeechat.targets.models import Target


def target(
    owner: User,
    name: str,
    motivation: int | None = None,
    posting: int | None = None,
    *,
    source: str = "dream",
    people: int = 0,
    connection: str = "cold",
) -> Target:
    """An employer on the list, with `people` (cold by default) known there."""
    for n in range(people):
        network.add_person(
            owner=owner,
            full_name=f"{name} Person {n}",
            organization_name=name,
            connection=connection,
        )
    created = services.add_by_name(owner=owner, name=name, source=source)
    return services.rate(target=created, motivation=motivation, posting=posting)


def person(
    owner: User,
    name: str,
    organization: str,
    *,
    title: str = "",
    connection: str = Person.Connection.COLD,
    segment: str = "unknown",
) -> Person:
    return network.add_person(
        owner=owner,
        full_name=name,
        organization_name=organization,
        title=title,
        connection=connection,
        segment=segment,
    )


def in_stage(person: Person, *stages: str) -> Conversation:
    """A conversation with `person` moved through `stages` (e.g. "contacted")."""
    conversation = conversations.start_conversation(owner=person.owner, person=person)
    for stage in stages:
        conversations.move_to_stage(conversation=conversation, stage=stage)
    return conversation


def count_queries(client: Client, url: str, **kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(captured)
