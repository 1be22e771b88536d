"""Talents in the user's own words: add, edit, reorder, delete."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coffeechat.assessment import queries, services

pytestmark = pytest.mark.django_db
URL = reverse("assessment:talents")


def texts(owner) -> list[str]:
    return [talent.text for talent in queries.talents_of(owner)]


def test_a_talent_is_added_at_the_end_in_the_users_words(alice, alice_client):
    alice_client.post(URL, {"text": "Explaining numbers"})
    response = alice_client.post(URL, {"text": "  Calming   an angry customer "})

    assert response.status_code == 302
    assert texts(alice) == ["Explaining numbers", "Calming an angry customer"]
    assert "Calming an angry customer" in alice_client.get(URL).content.decode()


def test_an_empty_or_repeated_talent_is_refused_with_a_reason(alice, alice_client):
    services.add_talent(owner=alice, text="Explaining numbers")

    empty = alice_client.post(URL, {"text": "   "})
    again = alice_client.post(URL, {"text": "explaining NUMBERS"})

    assert empty.status_code == again.status_code == 400
    assert "This field is required." in empty.content.decode()
    assert "already on your list" in again.content.decode()
    assert texts(alice) == ["Explaining numbers"]


def test_a_talent_can_be_reworded(alice, alice_client):
    talent = services.add_talent(owner=alice, text="Explaning numbers")

    alice_client.post(
        reverse("assessment:talent", args=[talent.pk]), {"text": "Explaining numbers"}
    )
    blank = alice_client.post(
        reverse("assessment:talent", args=[talent.pk]), {"text": ""}, follow=True
    )

    assert texts(alice) == ["Explaining numbers"]
    assert "can&#x27;t be empty" in blank.content.decode()


def test_talents_move_up_down_and_to_the_top(alice, alice_client):
    a, b, c = (services.add_talent(owner=alice, text=t) for t in ("A one", "B two", "C three"))

    alice_client.post(reverse("assessment:move-talent", args=[c.pk]), {"direction": "up"})
    assert texts(alice) == ["A one", "C three", "B two"]
    alice_client.post(reverse("assessment:move-talent", args=[b.pk]), {"direction": "top"})
    assert texts(alice) == ["B two", "A one", "C three"]
    alice_client.post(reverse("assessment:move-talent", args=[b.pk]), {"direction": "down"})
    assert texts(alice) == ["A one", "B two", "C three"]
    bad = alice_client.post(
        reverse("assessment:move-talent", args=[a.pk]), {"direction": "sideways"}, follow=True
    )
    assert "Move it up, down or to the top." in bad.content.decode()


def test_deleting_a_talent_keeps_the_others_in_order(alice, alice_client):
    a, b, c = (services.add_talent(owner=alice, text=t) for t in ("A one", "B two", "C three"))

    alice_client.post(reverse("assessment:delete-talent", args=[b.pk]))

    assert texts(alice) == ["A one", "C three"]
    assert list(queries.talents_of(alice).values_list("position", flat=True)) == [0, 1]


def test_the_list_is_capped_so_it_stays_a_short_list(alice, alice_client):
    for n in range(services.MAX_TALENTS):
        services.add_talent(owner=alice, text=f"Talent {n}")

    response = alice_client.post(URL, {"text": "One more"})

    assert response.status_code == 400
    assert f"Keep it to {services.MAX_TALENTS} talents" in response.content.decode()
