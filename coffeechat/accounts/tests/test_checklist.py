"""The first-run checklist on Today: the steps apps register, progress, dismissing, cost."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coffeechat.accounts import firstrun
from coffeechat.accounts.models import User
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Stage
from coffeechat.network import services as network

pytestmark = pytest.mark.django_db
MINE = ("you", "network", "first-request")


@pytest.fixture
def only_my_steps(monkeypatch) -> None:
    # Other apps register steps of their own; these tests are about this app's three.
    monkeypatch.setattr(firstrun, "_steps", {k: v for k, v in firstrun._steps.items() if k in MINE})


def today(client: Client) -> str:
    response = client.get(reverse("conversations:today"))
    assert response.status_code == 200
    return response.content.decode()


def first_run_card(html: str) -> str:
    match = re.search(r'<section class="card next-step first-run".*?</section>', html, re.S)
    return match[0] if match else ""


def add_people(owner: User, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        network.add_person(
            owner=owner, full_name=f"Person {n:03}", organization_name=f"Org {n % 7}"
        )


def fill_profile(user: User) -> None:
    user.field_broad, user.decision = "health data", "Whether to leave nursing"
    user.save()


def test_a_new_account_sees_its_first_steps_instead_of_all_caught_up(
    alice, alice_client, only_my_steps
) -> None:
    html = today(alice_client)
    card = first_run_card(html)

    assert "Your first steps" in card
    assert "1 of 3 done" not in card and "0 of 3 done" in card
    assert '<progress class="first-run__bar" max="3" value="0"' in card
    assert f'href="{reverse("profile:you")}"' in card
    assert f'href="{reverse("imports:new")}"' in card
    assert "You're all caught up" not in html
    assert "Nothing is due yet." in html


def test_steps_tick_off_as_the_account_fills(alice, alice_client, only_my_steps) -> None:
    fill_profile(alice)  # alice already has a display name
    add_people(alice, 9)

    card = first_run_card(today(alice_client))
    assert "1 of 3 done" in card
    assert "9 of 10" in card  # people toward the goal

    add_people(alice, 1, start=9)
    card = first_run_card(today(alice_client))
    assert "2 of 3 done" in card


def test_the_checklist_goes_once_every_step_is_done(alice, alice_client, only_my_steps) -> None:
    fill_profile(alice)
    add_people(alice, 10)
    person = network.add_person(owner=alice, full_name="Dana Whitfield")
    conversation = conversations.start_conversation(owner=alice, person=person)
    conversations.move_to_stage(conversation=conversation, stage=Stage.CONTACTED)

    html = today(alice_client)

    assert first_run_card(html) == ""
    assert firstrun.checklist_panel(alice) is None


def test_it_can_be_hidden_and_brought_back(alice, alice_client, only_my_steps) -> None:
    response = alice_client.post(reverse("accounts:dismiss-checklist"))

    assert response["Location"] == reverse("conversations:today")
    assert first_run_card(today(alice_client)) == ""
    you = alice_client.get(reverse("profile:you")).content.decode()
    assert reverse("accounts:restore-checklist") in you

    response = alice_client.post(reverse("accounts:restore-checklist"), {"next": "profile:you"})

    assert response["Location"] == reverse("profile:you")
    assert "Your first steps" in first_run_card(today(alice_client))


def test_restoring_never_redirects_off_site(alice, alice_client) -> None:
    response = alice_client.post(
        reverse("accounts:restore-checklist"), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("conversations:today")


def test_every_registered_step_has_a_page_to_go_to(alice) -> None:
    for state in firstrun.checklist_for(alice):
        assert state.url.startswith("/")
        assert state.step.title


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_today_with_the_checklist_costs_the_same_however_big_the_account(
    alice, alice_client, django_assert_max_num_queries
) -> None:
    add_people(alice, 3)
    few = count_queries(alice_client, reverse("conversations:today"))
    add_people(alice, 60, start=3)

    with django_assert_max_num_queries(few):
        html = today(alice_client)
    assert "Your first steps" in html
