"""Every main page costs the same number of queries however big the network grows (the
issue's pages: people with search and filters, a person, an organization, a conversation,
the pipeline, Settings): counted with a small network, then asserted with a bigger one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coffeechat.conversations import services
from coffeechat.conversations.models import Stage
from coffeechat.lib.testing.people import make_person
from coffeechat.network.services import add_introduction

pytestmark = pytest.mark.django_db


def grow(owner, start: int, count: int) -> None:
    """People at a few organizations, tagged, with a conversation, notes and an introduction."""
    previous = None
    for n in range(start, start + count):
        person = make_person(
            owner,
            f"Tomás Person{n:03}",
            organization=f"Org {n % 4}",
            tag_names=["mentor", f"tag {n % 3}"],
            phone=f"555 010 {n:04}",
        )
        conversation = services.start_conversation(owner=owner, person=person)
        services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED)
        services.add_note(person=person, conversation=conversation, body=f"Note {n}")
        if previous is not None:
            add_introduction(
                introducer=previous, introduced=person, introduced_on=timezone.localdate()
            )
        previous = person


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def urls(owner) -> list[str]:
    from coffeechat.network.models import Organization, Person

    person = Person.objects.filter(owner=owner).order_by("pk").first()
    organization = Organization.objects.filter(owner=owner).order_by("pk").first()
    conversation = person.conversations.get()
    return [
        reverse("network:people"),
        reverse("network:people") + "?q=tomas",
        reverse("network:people") + "?q=555+010",
        reverse("network:people") + "?stage=contacted",
        reverse("network:people") + f"?organization={organization.pk}",
        reverse("network:people") + "?organization_name=org",
        reverse("network:people") + "?tag=mentor",
        reverse("network:person", args=[person.pk]),
        reverse("network:organization", args=[organization.pk]),
        reverse("network:organizations"),
        reverse("network:organizations") + "?q=org",
        reverse("network:choose-person") + "?q=tom",
        reverse("network:choose-organization") + "?q=org&pick=1",
        reverse("conversations:conversation", args=[conversation.pk]),
        reverse("conversations:pipeline"),
        reverse("conversations:today"),
        reverse("conversations:today-section") + "?section=upcoming",
        reverse("accounts:settings"),
    ]


def test_the_main_pages_cost_the_same_queries_with_more_people(
    alice, alice_client: Client, django_assert_max_num_queries
) -> None:
    grow(alice, 0, 4)
    few = {url: count_queries(alice_client, url) for url in urls(alice)}
    grow(alice, 4, 36)

    for url, queries in few.items():
        with django_assert_max_num_queries(queries, info=url):
            response = alice_client.get(url)
        assert response.status_code == 200, url


def test_a_person_with_two_threads_in_a_stage_is_listed_once(alice, alice_client: Client) -> None:
    person = make_person(alice, "Twice Contacted", tag_names=["mentor"])
    for _ in range(2):
        conversation = services.start_conversation(owner=alice, person=person)
        services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED)

    response = alice_client.get(reverse("network:people"), {"stage": "contacted", "tag": "MENTOR"})

    assert [p.full_name for p in response.context["page"].object_list] == ["Twice Contacted"]
    assert "1 person" in response.content.decode()
