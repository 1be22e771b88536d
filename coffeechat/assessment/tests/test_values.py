"""Work values: pick from our list, add your own, rank them (top 5 highlighted), all without JS."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coffeechat.assessment import queries, services

pytestmark = pytest.mark.django_db
URL = reverse("assessment:values")


def ranking(owner) -> list[str]:
    return [row.label for row in queries.values_of(owner)]


def test_ticking_values_adds_them_in_list_order_and_unticking_removes_them(alice, alice_client):
    alice_client.post(URL, {"keys": ["pay", "autonomy", "team"]})
    services.move_value(value=queries.values_of(alice).get(key="team"), direction="top")

    alice_client.post(URL, {"keys": ["team", "autonomy", "learning"]})

    # Ticked ones keep their places, new ones join at the end, unticked ones leave.
    assert ranking(alice) == ["Team", "Autonomy", "Learning"]


def test_moving_a_value_up_down_and_to_the_top_reorders_the_ranking(alice, alice_client):
    services.choose_values(owner=alice, keys=["pay", "team", "balance", "mission"])
    mission = queries.values_of(alice).get(key="mission")
    pay = queries.values_of(alice).get(key="pay")

    alice_client.post(reverse("assessment:move-value", args=[mission.pk]), {"direction": "up"})
    assert ranking(alice) == ["Pay", "Team", "Mission", "Balance"]
    alice_client.post(reverse("assessment:move-value", args=[pay.pk]), {"direction": "down"})
    assert ranking(alice) == ["Team", "Pay", "Mission", "Balance"]
    response = alice_client.post(
        reverse("assessment:move-value", args=[mission.pk]), {"direction": "top"}
    )
    assert ranking(alice) == ["Mission", "Team", "Pay", "Balance"]
    assert response["Location"] == f"{URL}#value-{mission.pk}"
    assert list(queries.values_of(alice).values_list("position", flat=True)) == [0, 1, 2, 3]


def test_the_first_cannot_go_up_nor_the_last_down(alice):
    services.choose_values(owner=alice, keys=["pay", "team"])
    first, last = queries.values_of(alice)

    services.move_value(value=first, direction="up")
    services.move_value(value=last, direction="down")

    assert ranking(alice) == ["Pay", "Team"]


def test_the_top_five_are_marked_in_words_not_only_by_style(alice, alice_client):
    keys = ["pay", "team", "balance", "mission", "learning", "variety", "security"]
    services.choose_values(owner=alice, keys=keys)

    page = alice_client.get(URL).content.decode()

    assert page.count('<span class="badge badge--top">Top 5</span>') == 5
    ranked = re.findall(r'<span class="ranking__label">([^<]+)</span>', page)
    assert ranked == ["Pay", "Team", "Balance", "Mission", "Learning", "Variety", "Security"]


def test_an_own_value_joins_the_ranking_with_its_description(alice, alice_client):
    services.choose_values(owner=alice, keys=["pay"])

    alice_client.post(
        reverse("assessment:add-own-value"),
        {"name": "  Quiet   mornings ", "description": "No meetings before ten."},
    )

    assert ranking(alice) == ["Pay", "Quiet mornings"]
    page = alice_client.get(URL).content.decode()
    assert "No meetings before ten." in page and "Your own" in page


def test_an_own_value_that_repeats_one_is_refused_with_a_reason(alice, alice_client):
    services.choose_values(owner=alice, keys=["pay"])
    services.add_own_value(owner=alice, name="Quiet mornings")

    again = alice_client.post(reverse("assessment:add-own-value"), {"name": "quiet MORNINGS"})
    ours = alice_client.post(reverse("assessment:add-own-value"), {"name": "Creativity"})

    assert again.status_code == ours.status_code == 400
    assert "already among your values" in again.content.decode()
    assert "“Creativity” is on our list: tick it there." in ours.content.decode()
    assert ranking(alice) == ["Pay", "Quiet mornings"]


def test_removing_a_value_closes_the_gap(alice, alice_client):
    services.choose_values(owner=alice, keys=["pay", "team", "balance"])
    team = queries.values_of(alice).get(key="team")

    alice_client.post(reverse("assessment:remove-value", args=[team.pk]))

    assert ranking(alice) == ["Pay", "Balance"]
    assert list(queries.values_of(alice).values_list("position", flat=True)) == [0, 1]
    page = alice_client.get(URL).content.decode()
    assert 'value="team"' in page and 'value="team" checked' not in page


def test_unticking_keeps_own_values(alice):
    services.choose_values(owner=alice, keys=["pay"])
    services.add_own_value(owner=alice, name="Quiet mornings")

    services.choose_values(owner=alice, keys=[])

    assert ranking(alice) == ["Quiet mornings"]


def test_an_unknown_value_or_a_partial_ranking_is_refused(alice):
    services.choose_values(owner=alice, keys=["pay", "team"])
    ids = list(queries.values_of(alice).values_list("pk", flat=True))

    with pytest.raises(ValidationError):
        services.choose_values(owner=alice, keys=["fame"])
    with pytest.raises(ValidationError):
        services.rank_values(owner=alice, order=ids[:1])
    services.rank_values(owner=alice, order=ids[::-1])

    assert ranking(alice) == ["Team", "Pay"]
