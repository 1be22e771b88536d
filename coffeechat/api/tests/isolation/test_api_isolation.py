"""Tenant isolation for the JSON API (security.md T1): every operation, mallory's token
against alice's rows, by id in the path and by id in the body; read tokens never write."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from coffeechat.api import services
from coffeechat.api.tests.routes import API_ROUTES
from coffeechat.api.v1 import api
from coffeechat.lib.testing.routes import CANARIES, World, cross_owner_links, project_rows

MISSING_ID = 987_654_321
OPERATIONS = sorted(name for name, route in API_ROUTES.items() if route.kind != "public")
OBJECTS = sorted(name for name, route in API_ROUTES.items() if route.kind == "object")
WRITES = sorted(name for name in OPERATIONS if API_ROUTES[name].method != "get")


def leaked(content: bytes) -> list[str]:
    text = content.decode(errors="replace")
    return [canary for canary in CANARIES if canary in text]


def call(
    client: Client,
    name: str,
    world: World,
    token: str | None,
    *,
    kwargs: dict[str, Any] | None = None,
) -> Any:
    route = API_ROUTES[name]
    url = reverse(name, kwargs=kwargs if kwargs is not None else route.kwargs(world))
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = route.body(world) if route.body else None
    if route.method == "get":
        return client.get(url, route.query, headers=headers)
    if route.multipart:
        return client.post(url, body or {}, headers=headers)
    return client.generic(
        route.method.upper(),
        url,
        json.dumps(body or {}),
        content_type="application/json",
        headers=headers,
    )


def rows(owner: Any = None) -> dict[str, str]:
    """Every row (`owner`'s when given) but the tokens and the audit log: a request records
    its token's use there (the last use; the first use of the day)."""
    found = project_rows(owner)
    found.pop("api.ApiToken")
    found.pop("accounts.AuditEvent")
    return found


def token_for(user: Any, scope: str = "write") -> str:
    return services.create_token(owner=user, name=f"{scope} test", scope=scope).secret


# Classification ---------------------------------------------------------------------------------


def _operations() -> set[tuple[str, str, str]]:
    return {
        (op.view_func.__name__, method.lower(), path)
        for _prefix, router in api._routers
        for path, path_view in router.path_operations.items()
        for op in path_view.operations
        for method in op.methods
    }


def test_it_classifies_every_operation_of_the_api() -> None:
    classified = {
        (name.removeprefix("api-v1:"), route.method)
        for name, route in API_ROUTES.items()
        if route.kind != "public"
    }

    assert {(name, method) for name, method, _path in _operations()} == classified


def test_it_classifies_operations_by_whether_they_take_an_id() -> None:
    takes_id = {name for name, _method, path in _operations() if "_id}" in path}

    assert takes_id == {name.removeprefix("api-v1:") for name in OBJECTS}


# (a) Ids in the path ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", OBJECTS)
def test_it_gives_mallorys_token_404_for_alices_ids(
    name: str, world: World, mallory, client: Client
) -> None:
    token = token_for(mallory)
    before = rows(world.owner)

    response = call(client, name, world, token)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert rows(world.owner) == before
    assert leaked(response.content) == []


@pytest.mark.parametrize("name", OBJECTS)
def test_it_answers_alices_ids_like_missing_ones(
    name: str, world: World, mallory, client: Client
) -> None:
    token = token_for(mallory)
    kwargs = API_ROUTES[name].kwargs(world)
    missing = {key: (MISSING_ID if key.endswith("_id") else value) for key, value in kwargs.items()}

    theirs = call(client, name, world, token)
    nobodys = call(client, name, world, token, kwargs=missing)

    assert (theirs.status_code, theirs.content) == (nobodys.status_code, nobodys.content)


@pytest.mark.parametrize("name", OBJECTS)
def test_it_lets_alices_token_reach_her_own_ids(
    name: str, world: World, alice, client: Client
) -> None:
    # The control: the ids are right, so mallory's 404 means something.
    response = call(client, name, world, token_for(alice))

    assert response.status_code in (200, 201, 204, 400), response.content
    if response.status_code == 400:  # a service's refusal (already applied ...), not a miss
        assert response.json()["error"]["code"] == "invalid"
    assert cross_owner_links() == []


# (b) Ids in the body, lists and creates ---------------------------------------------------------


@pytest.mark.parametrize("name", sorted(n for n, r in API_ROUTES.items() if r.names_rows))
def test_it_refuses_mallorys_body_naming_alices_rows(
    name: str, world: World, mallory, client: Client
) -> None:
    before = rows()

    response = call(client, name, world, token_for(mallory))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert rows() == before
    assert leaked(response.content) == []


@pytest.mark.parametrize(
    "name", sorted(n for n, r in API_ROUTES.items() if r.kind == "page" and r.method == "get")
)
def test_it_shows_mallorys_token_none_of_alices_canaries(
    name: str, world: World, mallory, client: Client
) -> None:
    response = call(client, name, world, token_for(mallory))

    assert response.status_code == 200
    assert leaked(response.content) == []


@pytest.mark.parametrize("name", sorted(n for n, r in API_ROUTES.items() if r.lists))
def test_it_shows_alices_token_her_canaries(name: str, world: World, alice, client: Client) -> None:
    response = call(client, name, world, token_for(alice))

    assert response.status_code == 200
    assert leaked(response.content) != []


@pytest.mark.parametrize(
    "name",
    sorted(
        n
        for n, r in API_ROUTES.items()
        if r.kind == "page" and r.method != "get" and not r.names_rows
    ),
)
def test_it_keeps_mallorys_creates_off_alices_rows(
    name: str, world: World, mallory, client: Client
) -> None:
    before = rows(world.owner)

    response = call(client, name, world, token_for(mallory))

    # POST creates; PUT replaces the one thing of its kind a user has (the strategy document)
    assert response.status_code == (201 if API_ROUTES[name].method == "post" else 200), (
        response.content
    )
    assert rows(world.owner) == before
    assert cross_owner_links() == []


# (c) Without a token, and with a read-only one --------------------------------------------------


@pytest.mark.parametrize("name", OPERATIONS)
def test_it_answers_401_without_a_token(name: str, world: World, client: Client) -> None:
    before = rows()

    response = call(client, name, world, None)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response["WWW-Authenticate"] == "Bearer"
    assert rows() == before


@pytest.mark.parametrize("name", OPERATIONS)
def test_it_ignores_a_signed_in_session(name: str, world: World, alice, client: Client) -> None:
    # Cookies never authenticate the API, so a page elsewhere can't make the browser write.
    client.force_login(alice)

    response = call(client, name, world, None)

    assert response.status_code == 401


@pytest.mark.parametrize("name", WRITES)
def test_it_refuses_writes_with_a_read_token(
    name: str, world: World, alice, client: Client
) -> None:
    token = token_for(alice, "read")
    before = rows(world.owner)

    response = call(client, name, world, token)

    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "forbidden",
        "field": None,
        "message": "This token can only read. Create a token with write scope to make changes.",
    }
    assert rows(world.owner) == before


@pytest.mark.parametrize("name", sorted(n for n, r in API_ROUTES.items() if r.kind == "public"))
def test_it_serves_the_api_description_without_a_token(
    name: str, world: World, client: Client
) -> None:
    response = client.get(reverse(name))

    assert response.status_code in (200, 404)  # the root has no page of its own
    assert leaked(response.content) == []
