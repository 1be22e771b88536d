"""The demo account's strategy chapter tells the story it promises."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from coffeechat.demo import data
from coffeechat.demo.services import load_demo
from coffeechat.strategy import document, syntheses, themes
from coffeechat.strategy.models import Mention, Obstacle, Option, StrategyVersion, Theme

# Each loads the whole demo account (a second or more): make test-fast leaves them out.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_has_options_evidence_themes_obstacles_and_a_drafted_strategy() -> None:
    load_demo()
    from coffeechat.accounts.models import User

    sam = User.objects.get(email=data.DEMO_EMAIL)

    statuses = dict(Option.objects.filter(owner=sam).values_list("title", "status"))
    assert sorted(statuses.values()) == ["drop", "explore", "focus"]
    themes.refresh(sam)
    sql = Theme.objects.get(owner=sam, key="sql", status=Theme.Status.CONFIRMED)
    sources = Mention.objects.filter(owner=sam, term="sql")
    assert sql.people_count >= 2 and sources.values("person").distinct().count() >= 2
    assert Theme.objects.filter(
        owner=sam, kind=Theme.Kind.ORGANIZATION, status=Theme.Status.CONFIRMED
    ).exists()
    obstacles = Obstacle.objects.filter(owner=sam)
    assert {o.status for o in obstacles} == {"open", "working", "closed"}
    assert sum(o.actions.exists() for o in obstacles) == 3
    current = StrategyVersion.objects.filter(owner=sam).first()
    assert current.number == 2
    refs = document.load_references(sam, current.body)
    assert len(refs) >= 6 and all(ref.found for ref in refs.values())
    assert [due.option.title for due in syntheses.syntheses_due(sam)] == ["Healthcare data analyst"]

    client = Client()
    client.force_login(sam)
    page = client.get(reverse("strategy:strategy")).content.decode()
    assert "Time to take stock" in page and "Lakeview Community Health" in page
