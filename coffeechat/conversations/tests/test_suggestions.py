"""Who to ask next at the same organization (3B, method.md 5.1, RULE-C1, RULE-C4)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from coffeechat.accounts.models import User
from coffeechat.conversations import services, suggestions
from coffeechat.conversations.models import Conversation, Stage
from coffeechat.lib.testing.people import make_person
from coffeechat.network.models import Person

NOW = datetime(2026, 10, 14, 15, tzinfo=UTC)  # Wednesday, 11:00 in New York
SENT = NOW - timedelta(days=7)  # the 3B reminder of a request sent then is due by now
Connection = Person.Connection
Segment = Person.Segment


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def ask(
    owner: User, name: str, organization: str = "Navy", at: datetime = SENT, **fields
) -> Conversation:
    """A request to a new person at `organization`, sent at `at` and still unanswered."""
    person = make_person(owner, name, organization=organization, **fields)
    conversation = services.start_conversation(owner=owner, person=person, now=at)
    return services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=at)


def person(owner: User, name: str, organization: str = "Navy", **fields) -> Person:
    return make_person(owner, name, organization=organization, **fields)


def names(suggestions: suggestions.Suggestions | None) -> list[str]:
    assert suggestions is not None
    return [p.full_name for p in suggestions.people]


def compose_url_exists() -> bool:
    try:
        reverse("outreach:compose-person", args=[1])
    except NoReverseMatch:
        return False
    return True


# The query ------------------------------------------------------------------------------------


def test_it_ranks_warmest_first_then_boosters_unknown_obligates_curmudgeons(alice) -> None:
    asked = ask(alice, "Grace Hopper")
    person(alice, "Cold Curmudgeon", connection=Connection.COLD, segment=Segment.CURMUDGEON)
    person(alice, "Cold Booster", connection=Connection.COLD, segment=Segment.BOOSTER)
    person(alice, "Cold Unknown", connection=Connection.COLD)
    person(alice, "Cold Obligate", connection=Connection.COLD, segment=Segment.OBLIGATE)
    person(alice, "Alumna Curmudgeon", connection=Connection.ALUMNI, segment=Segment.CURMUDGEON)
    person(alice, "Event Unknown", connection=Connection.EVENT)

    assert names(suggestions.suggestions_for(asked)) == [
        "Alumna Curmudgeon",
        "Event Unknown",
        "Cold Booster",
        "Cold Unknown",
        "Cold Obligate",
        "Cold Curmudgeon",
    ]


def test_it_leaves_out_people_already_asked_but_not_people_still_to_ask(alice) -> None:
    asked = ask(alice, "Grace Hopper")
    ask(alice, "Asked Too")
    # Only "identified": on the list, never asked, so the natural next person to ask.
    services.start_conversation(owner=alice, person=person(alice, "On The List"))
    closed = ask(alice, "Closed Before")
    services.move_to_stage(conversation=closed, stage=Stage.DECLINED)
    person(alice, "Free Person")

    assert names(suggestions.suggestions_for(asked)) == [
        "Closed Before",
        "Free Person",
        "On The List",
    ]


def test_it_suggests_only_the_same_organization_of_the_same_owner(alice, mallory) -> None:
    asked = ask(alice, "Grace Hopper", "Navy")
    person(alice, "Army Person", "Army")
    person(alice, "No Organization", "")
    person(mallory, "Mallory Navy", "Navy")

    assert names(suggestions.suggestions_for(asked)) == []


def test_it_has_nothing_for_a_person_without_an_organization(alice) -> None:
    assert suggestions.suggestions_for(ask(alice, "Grace Hopper", "")) is None


def test_it_counts_the_requests_waiting_at_the_organization(alice) -> None:
    asked = ask(alice, "Grace Hopper")
    replied = ask(alice, "Replied Already")
    services.move_to_stage(conversation=replied, stage=Stage.REPLIED)

    one = suggestions.suggestions_for(asked)
    ask(alice, "Second Request")
    two = suggestions.suggestions_for(asked)

    assert (one.open_requests, one.is_at_limit) == (1, False)
    assert (two.open_requests, two.is_at_limit) == (2, True)


def test_it_gives_each_conversation_its_organizations_people(alice) -> None:
    navy = ask(alice, "Grace Hopper", "Navy")
    army = ask(alice, "Army Asked", "Army")
    person(alice, "Navy Free", "Navy")
    person(alice, "Army Free", "Army")

    found = suggestions.suggestions_by_conversation(alice, [navy, army])

    assert names(found[navy.pk]) == ["Navy Free"]
    assert names(found[army.pk]) == ["Army Free"]


def test_it_ignores_another_owners_conversations(alice, mallory) -> None:
    mallorys = ask(mallory, "Mallory Asked")
    person(mallory, "Mallory Free")

    assert suggestions.suggestions_by_conversation(alice, [mallorys]) == {}


# Today and the conversation page --------------------------------------------------------------


def suggestions_html(response, conversation: Conversation) -> str:
    """The suggestions under the conversation's 3B reminder ('' when there are none)."""
    html = response.content.decode()
    reminder = conversation.reminders.get(kind="try_another")
    found = re.search(
        rf'<li class="item" id="reminder-{reminder.pk}">(.*?)'
        r'<div class="item__actions">',
        html,
        re.S,
    )
    assert found, "the 3B reminder is not on the page"
    block = re.search(r'<div class="suggestions">(.*?)</div>', found[1], re.S)
    return block[1] if block else ""


def test_today_shows_who_to_ask_next_under_the_3b_reminder(
    alice, mallory, alice_client: Client
) -> None:
    asked = ask(alice, "Grace Hopper", connection=Connection.COLD)
    warm = person(alice, "Ada Lovelace", title="Engineer", connection=Connection.ALUMNI)
    person(alice, "Katherine Johnson")
    person(mallory, "Mallory Navy", "Navy")

    response = alice_client.get(reverse("conversations:today"))

    block = suggestions_html(response, asked)
    assert "Someone else to ask" in block
    assert block.index("Ada Lovelace") < block.index("Katherine Johnson")
    assert "Alumni" in block
    assert "Draft to Ada" in block
    if compose_url_exists():
        action = reverse("outreach:compose-person", args=[warm.pk])
        assert f'<form class="inline" method="post" action="{action}">' in block
    else:  # the composer isn't there yet: the button leads to the person's page
        assert f'href="{reverse("network:person", args=[warm.pk])}"' in block
    assert "Mallory" not in response.content.decode()


def test_today_warns_when_the_organization_has_two_requests_waiting(
    alice, alice_client: Client
) -> None:
    asked = ask(alice, "Grace Hopper")
    ask(alice, "Second Request", at=NOW - timedelta(days=1))
    person(alice, "Ada Lovelace")

    block = suggestions_html(alice_client.get(reverse("conversations:today")), asked)

    assert "2 requests at this organization are already waiting for a reply" in block
    assert "Ada Lovelace" in block
    assert "Draft to" not in block


def test_today_says_when_there_is_no_one_else_to_ask(alice, alice_client: Client) -> None:
    asked = ask(alice, "Grace Hopper")

    block = suggestions_html(alice_client.get(reverse("conversations:today")), asked)

    assert "No one else there yet" in block


def test_the_conversation_page_shows_who_to_ask_next(alice, alice_client: Client) -> None:
    asked = ask(alice, "Grace Hopper")
    person(alice, "Ada Lovelace")

    response = alice_client.get(reverse("conversations:conversation", args=[asked.pk]))

    assert "Ada Lovelace" in suggestions_html(response, asked)


def count_today_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("conversations:today"))
    assert response.status_code == 200
    return len(captured)


def test_today_asks_the_same_number_of_queries_however_many_3b_reminders(
    alice, alice_client: Client
) -> None:
    ask(alice, "Asked 0", "Org 0")
    person(alice, "Free 0", "Org 0", segment=Segment.BOOSTER)
    one = count_today_queries(alice_client)

    for n in range(1, 6):
        ask(alice, f"Asked {n}", f"Org {n}")
        person(alice, f"Free {n}", f"Org {n}", segment=Segment.BOOSTER)
        person(alice, f"Other {n}", f"Org {n}")
    six = count_today_queries(alice_client)

    response = alice_client.get(reverse("conversations:today"))
    assert response.content.decode().count("Someone else to ask") == 6
    assert six == one
