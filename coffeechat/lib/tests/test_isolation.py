"""Tenant isolation (security.md T1): every route, every method, mallory against alice's rows."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from coffeechat.lib.testing.patterns import all_patterns
from coffeechat.lib.testing.route_types import World
from coffeechat.lib.testing.routes import (
    API_ROUTES,
    BEARER_ROUTES,
    CANARIES,
    LISTS,
    OBJECT_ROUTES,
    PAGE_ROUTES,
    PROJECT_ROUTES,
    REFERENCE_ROUTES,
    THIRD_PARTY_ROUTES,
    TOKEN_ROUTES,
)
from coffeechat.lib.testing.rows import cross_owner_links, project_rows

LOGIN_URL = "/accounts/login/"
MISSING_ID = 987_654_321


def leaked(content: bytes) -> list[str]:
    text = content.decode()
    return [canary for canary in CANARIES if canary in text]


def url_for(name: str, world: World) -> str:
    return reverse(name, kwargs=PROJECT_ROUTES[name].kwargs(world))


def request(client: Client, method: str, url: str, data: dict, **extra) -> object:
    if method == "get":
        return client.get(url, **extra)
    return client.post(url, data, **extra)


# Classification ---------------------------------------------------------------------------------


def test_it_leaves_0_routes_unclassified() -> None:
    unclassified = [
        p.route
        for p in all_patterns()
        if p.name not in PROJECT_ROUTES
        and p.name not in TOKEN_ROUTES
        and p.name not in API_ROUTES
        and p.name not in BEARER_ROUTES
        and p.route not in THIRD_PARTY_ROUTES
    ]

    assert unclassified == []


def test_it_has_no_stale_classification() -> None:
    patterns = list(all_patterns())

    assert set(PROJECT_ROUTES) - {p.name for p in patterns} == set()
    assert set(TOKEN_ROUTES) - {p.name for p in patterns} == set()
    assert set(API_ROUTES) - {p.name for p in patterns} == set()
    assert set(BEARER_ROUTES) - {p.name for p in patterns} == set()
    assert THIRD_PARTY_ROUTES - {p.route for p in patterns} == set()


def test_it_classifies_routes_by_whether_they_take_an_id() -> None:
    project = [p for p in all_patterns() if p.name in PROJECT_ROUTES]

    assert sorted(p.name for p in project if "<" in p.route) == sorted(
        [*OBJECT_ROUTES, *REFERENCE_ROUTES]
    )
    assert sorted(p.name for p in project if "<" not in p.route) == sorted(PAGE_ROUTES)


def test_it_keeps_project_views_out_of_the_third_party_allowlist() -> None:
    modules = {p.module for p in all_patterns() if p.route in THIRD_PARTY_ROUTES}
    project_modules = {p.module for p in all_patterns() if p.name in PROJECT_ROUTES}

    assert [m for m in modules if m.startswith("coffeechat")] == []
    assert all(m.startswith("coffeechat.") for m in project_modules)


# (a) Routes that take an id ---------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", sorted(OBJECT_ROUTES))
def test_it_gives_mallory_404_for_alices_ids(
    name: str, method: str, world: World, mallory_client: Client
) -> None:
    route = OBJECT_ROUTES[name]
    expected = 405 if method == "get" and route.post_only else 404
    before = project_rows()

    response = request(mallory_client, method, url_for(name, world), route.post(world))

    assert response.status_code == expected
    assert project_rows() == before
    assert leaked(response.content) == []


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", sorted(OBJECT_ROUTES))
def test_it_answers_alices_ids_like_missing_ones(
    name: str, method: str, world: World, mallory_client: Client
) -> None:
    # No existence oracle: someone else's id and an id that exists nowhere look the same.
    route = OBJECT_ROUTES[name]
    missing = reverse(name, kwargs=dict.fromkeys(route.kwargs(world), MISSING_ID))

    theirs = request(mallory_client, method, url_for(name, world), route.post(world))
    nobodys = request(mallory_client, method, missing, route.post(world))

    assert theirs.status_code == nobodys.status_code
    assert theirs.content == nobodys.content


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", sorted(OBJECT_ROUTES))
def test_it_lets_alice_reach_her_own_ids(
    name: str, method: str, world: World, alice_client: Client
) -> None:
    # The control for the test above: the ids are right, so mallory's 404 means something.
    route = OBJECT_ROUTES[name]

    response = request(alice_client, method, url_for(name, world), route.post(world))

    if method == "get":
        assert response.status_code == (405 if route.post_only else 200)
    else:
        assert response.status_code in (200, 302)
    assert cross_owner_links() == []


def test_it_gives_mallory_404_on_the_htmx_board_move(world: World, mallory_client: Client) -> None:
    before = project_rows()

    response = mallory_client.post(
        url_for("conversations:move", world),
        {"stage": "declined", "from": "board"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 404
    assert project_rows() == before


# (b) Routes without an id -----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(n for n, r in PAGE_ROUTES.items() if not r.post_only))
def test_it_shows_mallory_none_of_alices_canaries(
    name: str, world: World, mallory_client: Client
) -> None:
    route = PAGE_ROUTES[name]

    plain = mallory_client.get(reverse(name))
    searched = mallory_client.get(reverse(name), route.get_query)

    assert plain.status_code == searched.status_code == 200
    assert leaked(plain.content) == []
    assert leaked(searched.content) == []


@pytest.mark.parametrize("name", sorted(REFERENCE_ROUTES))
def test_it_shows_shared_reference_pages_to_everyone_without_alices_rows(
    name: str, world: World, alice_client: Client, mallory_client: Client
) -> None:
    theirs = mallory_client.get(url_for(name, world))
    hers = alice_client.get(url_for(name, world))

    assert theirs.status_code == hers.status_code == 200
    assert leaked(theirs.content) == []


@pytest.mark.parametrize(
    "query",
    [
        {"organization": "<org>"},
        {"stage": "scheduled"},
        {"connection": "cold"},
        {"q": "Canary"},
        {"q": "canary-zq7"},
        {"page": "2"},
    ],
)
def test_it_filters_mallorys_people_list_within_her_own_rows(
    query: dict, world: World, mallory_client: Client
) -> None:
    query = {k: str(world.organization.pk) if v == "<org>" else v for k, v in query.items()}

    full = mallory_client.get(reverse("network:people"), query)
    fragment = mallory_client.get(reverse("network:people"), query, headers={"HX-Request": "true"})

    assert leaked(full.content) == []
    assert leaked(fragment.content) == []


@pytest.mark.parametrize("name", LISTS)
def test_it_shows_alice_her_own_canaries(name: str, world: World, alice_client: Client) -> None:
    # The control: the canaries are on these pages for their owner, so their absence counts.
    response = alice_client.get(reverse(name))

    assert response.status_code == 200
    assert leaked(response.content) != []


@pytest.mark.parametrize("name", sorted(n for n, r in PAGE_ROUTES.items() if r.post(None)))
def test_it_keeps_mallorys_posts_off_alices_rows(
    name: str, world: World, mallory, mallory_client: Client
) -> None:
    before = project_rows(world.owner)

    response = mallory_client.post(reverse(name), PAGE_ROUTES[name].post(world))

    assert response.status_code == 302
    assert project_rows(world.owner) == before
    assert cross_owner_links() == []


# Anonymous visitors -----------------------------------------------------------------------------


def test_it_welcomes_anonymous_visitors_on_the_home_page(world: World, client: Client) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert b"Conversations that open doors" in response.content
    assert leaked(response.content) == []


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", sorted(set(PROJECT_ROUTES) - {"conversations:home"}))
def test_it_sends_anonymous_visitors_to_sign_in(
    name: str, method: str, world: World, client: Client
) -> None:
    url = url_for(name, world)
    before = project_rows()

    response = request(client, method, url, PROJECT_ROUTES[name].post(world))

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={url}"
    assert project_rows() == before


# (d) Secret-URL routes (read without signing in) -------------------------------------------------


def token_url(name: str, token: str) -> str:
    return reverse(name, kwargs={"token": token})  # every secret-URL route names it `token`


@pytest.mark.parametrize("name", sorted(TOKEN_ROUTES))
def test_it_serves_alices_secret_url_to_whoever_holds_it(
    name: str, world: World, client: Client
) -> None:
    # The control: the right secret works without signing in (calendar apps can't).
    response = client.get(reverse(name, kwargs=TOKEN_ROUTES[name](world)))

    assert response.status_code == 200
    assert leaked(response.content) != []


@pytest.mark.parametrize("name", sorted(TOKEN_ROUTES))
def test_it_answers_a_wrong_secret_like_a_missing_one(
    name: str, world: World, mallory_client: Client
) -> None:
    token = world.owner.calendar_token
    near_miss = token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
    before = project_rows()

    near = mallory_client.get(token_url(name, near_miss))
    prefix_only = mallory_client.get(token_url(name, token[:8]))
    nobodys = mallory_client.get(token_url(name, "n" * len(token)))

    assert near.status_code == prefix_only.status_code == nobodys.status_code == 404
    assert near.content == nobodys.content
    assert leaked(near.content + prefix_only.content) == []
    assert project_rows() == before


# (g) Bearer-token routes (the MCP endpoint) ------------------------------------------------------


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", sorted(BEARER_ROUTES))
def test_it_never_opens_a_bearer_route_to_a_session(
    name: str, method: str, signed_in: bool, world: World, client: Client, db
) -> None:
    # csrf-exempt is only safe while the cookie alone is never enough.
    route = BEARER_ROUTES[name]
    if signed_in:
        client.force_login(world.owner)
    before = project_rows()

    response = request(client, method, reverse(name, kwargs=route.kwargs(world)), route.post(world))

    assert response.status_code == (405 if method == "get" and route.post_only else 401)
    assert project_rows() == before
    assert leaked(response.content) == []
