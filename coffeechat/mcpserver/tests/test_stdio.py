"""manage.py mcp over stdio, spawned by the SDK's own client, on the test database."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from coffeechat.conversations.models import Note
from coffeechat.lib.testing.mcp import text_of
from coffeechat.lib.testing.waiting import run_coroutine

# The child process must see the rows: they are committed, not kept in a test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def over_stdio(
    env: dict[str, str], *args: str, calls: list[tuple[str, dict[str, Any]]]
) -> tuple[list[str], list[Any]]:
    parameters = StdioServerParameters(
        command=sys.executable, args=["manage.py", "mcp", *args], env=env, cwd=settings.BASE_DIR
    )

    async def session() -> tuple[list[str], list[Any]]:
        async with Client(parameters, read_timeout_seconds=60) as client:
            names = [tool.name for tool in (await client.list_tools()).tools]
            return names, [await client.call_tool(name, arguments) for name, arguments in calls]

    return run_coroutine(session)


@pytest.mark.slow  # a child process: make test runs it, make test-fast leaves it out
def test_it_serves_the_users_tools_over_stdio(dana, mallorys_person, child_env) -> None:
    names, (found, mallorys, noted) = over_stdio(
        child_env,
        "--user",
        "ALICE@example.org",
        calls=[
            ("search_people", {"query": "whitfield"}),
            ("show_person", {"person_id": mallorys_person.pk}),
            ("record_note", {"person_id": dana.person_id, "text": "Said over stdio."}),
        ],
    )

    assert "today_agenda" in names and "draft_message" in names
    assert found.structured_content["people"][0]["id"] == dana.person_id
    assert mallorys.is_error and f"No person with id {mallorys_person.pk}" in text_of(mallorys)
    assert not noted.is_error
    assert Note.objects.get(pk=noted.structured_content["note_id"]).body == "Said over stdio."


def test_it_names_an_unknown_account(db) -> None:
    with pytest.raises(CommandError, match="No active account with the email nobody@"):
        call_command("mcp", "--user", "nobody@example.org")
