"""The People page's folded filters say how many of them are on (the search is always in view)."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from coffeechat.lib.testing.people import make_person


def filters_summary(client: Client, **query: str) -> str:
    html = client.get(reverse("network:people"), query).content.decode()
    summary = re.search(r"<summary>(.*?)</summary>", html, re.S)
    assert summary is not None
    return " ".join(re.sub(r"<[^>]+>", " ", summary.group(1)).split())


def test_the_folded_filters_say_how_many_are_on(alice, alice_client: Client) -> None:
    grace = make_person(alice, "Grace Hopper", "Navy", tag_names=["mentor"])

    assert filters_summary(alice_client) == "Filters"
    assert filters_summary(alice_client, q="grace") == "Filters"  # search is not folded
    assert filters_summary(alice_client, stage="identified") == "Filters 1 on"
    # An organization counts once, picked (an id) or typed (a name).
    assert (
        filters_summary(
            alice_client,
            organization=str(grace.organization_id),
            organization_name="Navy",
            tag="mentor",
            connection="cold",
        )
        == "Filters 3 on"
    )
    assert filters_summary(alice_client, organization_name="Nav") == "Filters 1 on"
