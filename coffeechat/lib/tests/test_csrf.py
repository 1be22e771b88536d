"""CSRF and safe methods (security.md T5), over the routes test_isolation.py classifies."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import resolve, reverse

from coffeechat.lib.testing.route_types import World
from coffeechat.lib.testing.routes import PROJECT_ROUTES
from coffeechat.lib.testing.rows import project_rows

POST_ONLY = sorted(name for name, route in PROJECT_ROUTES.items() if route.post_only)


@pytest.fixture
def strict_client(alice) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    return client


def url_for(name: str, world: World) -> str:
    return reverse(name, kwargs=PROJECT_ROUTES[name].kwargs(world))


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("name", sorted(PROJECT_ROUTES))
def test_it_refuses_a_post_without_a_csrf_token(
    name: str, htmx: bool, world: World, strict_client: Client
) -> None:
    before = project_rows()
    headers = {"HX-Request": "true"} if htmx else {}

    response = strict_client.post(
        url_for(name, world), PROJECT_ROUTES[name].post(world), headers=headers
    )

    assert response.status_code == 403
    assert project_rows() == before


def test_it_refuses_a_post_with_a_wrong_csrf_token(world: World, strict_client: Client) -> None:
    strict_client.get(reverse("conversations:today"))
    before = project_rows()

    response = strict_client.post(
        url_for("conversations:move", world), {"stage": "declined", "csrfmiddlewaretoken": "x" * 64}
    )

    assert response.status_code == 403
    assert project_rows() == before


def test_it_accepts_the_token_from_the_page(world: World, strict_client: Client) -> None:
    # The control: with the token the page gives, the same POST goes through.
    page = strict_client.get(url_for("conversations:conversation", world))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content)[1]

    response = strict_client.post(
        url_for("conversations:move", world),
        {"stage": "declined", "csrfmiddlewaretoken": token.decode()},
    )

    assert response.status_code == 302
    world.conversation.refresh_from_db()
    assert world.conversation.stage == "declined"


@pytest.mark.parametrize("name", POST_ONLY)
def test_it_refuses_get_on_post_only_routes(name: str, world: World, alice_client: Client) -> None:
    before = project_rows()

    response = alice_client.get(url_for(name, world))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert project_rows() == before


def test_it_marks_exactly_the_routes_that_refuse_get_as_post_only(
    world: World, alice_client: Client
) -> None:
    refusing = sorted(
        name for name in PROJECT_ROUTES if alice_client.get(url_for(name, world)).status_code == 405
    )

    assert refusing == POST_ONLY


@pytest.mark.parametrize("name", sorted(PROJECT_ROUTES))
def test_it_exempts_no_project_view_from_csrf(name: str, world: World) -> None:
    view = resolve(url_for(name, world)).func

    assert not getattr(view, "csrf_exempt", False)
