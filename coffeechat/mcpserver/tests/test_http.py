"""/mcp/ over streamable HTTP: the SDK's own client against granian, as in production."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as DjangoClient
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

from coffeechat.api import services as api_services
from coffeechat.conversations.models import Note
from coffeechat.lib.testing.mcp import text_of
from coffeechat.lib.testing.waiting import run_coroutine
from coffeechat.targets import services as targets
from coffeechat.targets.models import Target


def over_http(
    url: str, secret: str, calls: list[tuple[str, dict[str, Any]]], *, mode: str = "auto"
) -> tuple[list[str], list[Any]]:
    """The negotiated protocol version and the tools' names, and each call's result."""

    async def session() -> tuple[list[str], list[Any]]:
        headers = {"Authorization": f"Bearer {secret}"}
        async with (
            create_mcp_http_client(headers=headers) as http,
            Client(streamable_http_client(url, http_client=http), mode=mode) as client,
        ):
            names = [tool.name for tool in (await client.list_tools()).tools]
            results = [await client.call_tool(name, arguments) for name, arguments in calls]
            return [client.protocol_version, *names], results

    return run_coroutine(session)


def token(user: Any, scope: str) -> str:
    return api_services.create_token(owner=user, name=f"{scope} token", scope=scope).secret


@pytest.mark.slow  # a child process: make test runs it, make test-fast leaves it out
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mode", ["auto", "legacy"])
def test_a_write_token_uses_every_kind_of_tool_over_http(
    granian, dana, mallorys_person, mode
) -> None:
    names, (found, mallorys, noted) = over_http(
        granian,
        token(dana.owner, "write"),
        [
            ("search_people", {"query": "dana"}),
            ("show_person", {"person_id": mallorys_person.pk}),
            ("record_note", {"conversation_id": dana.pk, "text": f"Said over HTTP ({mode})."}),
        ],
        mode=mode,
    )

    version, *names = names
    # auto: the 2026 stateless requests (server/discover); legacy: the 2025 initialize handshake
    assert version.startswith("2026-") if mode == "auto" else version.startswith("2025-")
    assert len(names) == 17
    assert found.structured_content["people"][0]["id"] == dana.person_id
    assert mallorys.is_error and f"No person with id {mallorys_person.pk}" in text_of(mallorys)
    assert not noted.is_error
    assert Note.objects.get(pk=noted.structured_content["note_id"]).body == (
        f"Said over HTTP ({mode})."
    )


@pytest.mark.slow  # a child process: make test runs it, make test-fast leaves it out
@pytest.mark.django_db(transaction=True)
def test_a_read_only_token_reads_and_its_writes_are_refused(granian, dana) -> None:
    notes = Note.objects.count()
    targets.add_by_name(owner=dana.owner, name="Northwind", source="dream")

    _, (agenda, refused, listed, not_added) = over_http(
        granian,
        token(dana.owner, "read"),
        [
            ("today_agenda", {}),
            ("record_note", {"person_id": dana.person_id, "text": "Should not be kept"}),
            ("target_list", {}),
            ("add_target", {"name": "Globex", "motivation": 5}),
        ],
    )

    assert agenda.structured_content["conversations_by_stage"]["contacted"] == 1
    assert refused.is_error
    assert "record_note changes the user's data, and this connection may only read" in (
        text_of(refused)
    )
    assert Note.objects.count() == notes
    assert [t["organization"] for t in listed.structured_content["targets"]] == ["Northwind"]
    assert not_added.is_error and "add_target changes the user's data" in text_of(not_added)
    assert not Target.objects.filter(organization__name="Globex").exists()


# The HTTP edges, in process (no tool runs) ------------------------------------------------------

INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}


def post(client: DjangoClient, **headers: str) -> Any:
    return client.post(
        "/mcp/",
        INITIALIZE,
        content_type="application/json",
        headers={"Accept": "application/json, text/event-stream", **headers},
    )


def test_no_token_a_wrong_one_or_a_revoked_one_is_401(alice, alice_client) -> None:
    made = api_services.create_token(owner=alice, name="gone", scope="write")
    api_services.revoke_token(token=made.token)

    # alice_client carries her session cookie: the session alone never opens /mcp/.
    for headers in (
        {},
        {"Authorization": "Bearer cc_nottherealone"},
        {"Authorization": f"Bearer {made.secret}"},
    ):
        response = post(alice_client, **headers)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == 'Bearer realm="coffeechat"'


def test_get_and_delete_are_405_with_post_allowed(alice, client) -> None:
    secret = token(alice, "read")

    for method in (client.get, client.delete):
        response = method("/mcp/", headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == 405
        assert response["Allow"] == "POST"


def test_over_the_rate_limit_it_says_when_to_retry(alice, client, settings) -> None:
    settings.API_REQUESTS_PER_MINUTE = 1
    secret = token(alice, "read")

    first = post(client, Authorization=f"Bearer {secret}")
    second = post(client, Authorization=f"Bearer {secret}")

    assert first.status_code == 200
    assert second.status_code == 429
    assert 1 <= int(second["Retry-After"]) <= 60


def test_mcp_without_the_slash_answers_too(alice, client) -> None:
    response = client.post(
        "/mcp",
        INITIALIZE,
        content_type="application/json",
        headers={
            "Accept": "application/json, text/event-stream",
            "Authorization": f"Bearer {token(alice, 'read')}",
        },
    )

    assert response.status_code == 200
    assert "search_people" in response.content.decode()
