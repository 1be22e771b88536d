"""The demo's target list (coffeechat/demo/targets.py), as the demo user sees it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from coffeechat.accounts.models import User
from coffeechat.demo import data
from coffeechat.demo.services import load_demo
from coffeechat.lib.testing.world import rolled_back_afterwards
from coffeechat.targets import contacts, queries
from coffeechat.targets.models import Target

# Each loads the whole demo account (a second or more): make test-fast leaves them out.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def shared_demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[User]:
    # Loaded once for the module (the load is most of each test's time), rolled back after it.
    with rolled_back_afterwards(django_db_blocker, tmp_path_factory.mktemp("media")):
        assert load_demo().loaded
        yield User.objects.get(email=data.DEMO_EMAIL)


@pytest.fixture
def demo(shared_demo: User, db) -> User:
    return shared_demo


def test_the_demo_lists_40_rated_employers_from_every_source(demo) -> None:
    counts = queries.counts_for(demo)

    assert counts.total == 40
    assert all(n >= 2 for _value, _label, n in counts.sources)
    assert counts.small >= 10
    assert counts.unrated == 2


def test_the_demos_top_five_each_have_someone_to_ask_or_a_reason_to_wait(demo) -> None:
    points = contacts.starting_points(demo, queries.batch_for(demo))

    assert [p.target.organization.name for p in points] == [
        "Brightwater Analytics",
        "CareLoop Health",
        "Parcelwise",
        "Fieldnote Labs",
        "Kestrel Robotics",
    ]
    waiting = {p.target.organization.name for p in points if not p.can_ask_best}
    assert waiting == {"Parcelwise"}  # two requests out: wait
    best = {p.target.organization.name: p.best.full_name for p in points if p.best}
    assert best["Fieldnote Labs"] == "Hana Yoshida"  # her request is half written
    assert best["Kestrel Robotics"] == "Ben Whitaker"  # only the recruiter is left


def test_the_demo_shows_an_exhausted_employer_and_the_one_promoted_after_it(demo) -> None:
    ridgeway = Target.objects.get(owner=demo, organization__name="Ridgeway Capital Partners")
    kestrel = Target.objects.get(owner=demo, organization__name="Kestrel Robotics")

    assert (ridgeway.status, ridgeway.outcome) == ("closed", "exhausted")
    assert "Moved into the top five when Ridgeway Capital Partners" in kestrel.notes


def test_the_demo_asks_to_rerate_two_employers_after_conversations(demo) -> None:
    names = [t.organization.name for t in queries.rerate_due(demo)]

    assert sorted(names) == ["Lakeview Community Health", "Openfield Maps"]


def test_the_demo_users_targets_page_renders(demo, client: Client) -> None:
    client.force_login(demo)

    response = client.get(reverse("targets:targets"))

    assert response.status_code == 200
    assert b"40/40" in response.content
    assert b"Re-rate after your conversations" in response.content
