"""The composer links every empty template field to the page where its value is filled in."""

from __future__ import annotations

from django.urls import reverse

from coffeechat.network.models import Person
from coffeechat.outreach.tests.factories import make_conversation, make_recipient, profile


def compose(client, conversation) -> str:
    response = client.get(reverse("outreach:compose", args=[conversation.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_empty_profile_fields_link_to_their_section_of_you(alice, alice_client) -> None:
    conversation = make_conversation(alice)  # alumni; alice has no school or field yet

    html = compose(alice_client, conversation)

    assert "Empty in this draft" in html
    assert '<code>{school}</code> your school: <a href="/you/#school">' in html
    assert "<code>{field_broad}</code>" in html and 'href="/you/#fields"' in html
    assert "RULE-D1" in html  # and the lint says it can't go out like this


def test_an_empty_person_field_links_to_their_details(alice, alice_client) -> None:
    profile(alice)
    person = make_recipient(alice, connection=Person.Connection.COLD)  # no "where we met"
    conversation = make_conversation(alice, person=person)

    html = compose(alice_client, conversation)

    assert "<code>{met_at}</code>" in html
    assert f'href="{reverse("network:person-edit", args=[person.pk])}"' in html


def test_a_filled_profile_leaves_nothing_to_fill(alice, alice_client) -> None:
    profile(alice, signature="Alice Martin\nalice.example.org")
    conversation = make_conversation(alice)

    html = compose(alice_client, conversation)

    assert "Empty in this draft" not in html
    assert "Alice Martin\nalice.example.org" in html  # the signature the user wrote
