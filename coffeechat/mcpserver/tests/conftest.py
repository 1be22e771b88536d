"""The SDK's own client against our server: in process, over stdio and over HTTP (granian)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from mcp import Client
from mcp_types import CallToolResult

from coffeechat.accounts.models import User
from coffeechat.mcpserver.server import Caller, acting_as, server

BASE_DIR = Path(settings.BASE_DIR)


def in_process(user: User, session: Callable[[Client], Awaitable[Any]], *,
               can_write: bool = True) -> Any:
    """Run `session` with an SDK client connected to the server in this process, as `user`."""

    async def run() -> Any:
        async with Client(server()) as client:
            return await session(client)

    with acting_as(Caller(user=user, can_write=can_write)):
        return async_to_sync(run)()


def call(user: User, tool: str, *, can_write: bool = True, **arguments: Any) -> CallToolResult:
    return in_process(user, lambda client: client.call_tool(tool, arguments),
                      can_write=can_write)


def text_of(result: CallToolResult) -> str:
    return " ".join(getattr(block, "text", "") for block in result.content)


def database_url() -> str:
    """The test database, as another process reaches it (DATABASE_URL)."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = f"{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}@" if db["USER"] else ""
    return f"postgres://{auth}{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="session")
def child_env(django_db_setup, tmp_path_factory) -> dict[str, str]:
    """Environment for a coffeechat process of its own on the test database."""
    return {**{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)},
            "DATABASE_URL": database_url(),
            "COFFEECHAT_DATA_DIR": str(tmp_path_factory.mktemp("child-data")),
            "SECRET_KEY": "test-only-" + "x" * 50, "DJANGO_SETTINGS_MODULE": "config.settings",
            "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "WARNING"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"granian exited: {process.stderr.read().decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("granian did not start listening")


@pytest.fixture(scope="module")
def granian(child_env) -> Iterator[str]:
    """coffeechat served the way production serves it (granian, WSGI), on a loopback port."""
    port = _free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "granian"), "--interface", "wsgi", "--host",
         "127.0.0.1", "--port", str(port), "--workers", "1", "--log-level", "warning",
         "config.wsgi:application"],
        cwd=BASE_DIR, env=child_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(port, process)
        yield f"http://127.0.0.1:{port}/mcp/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def dana(alice) -> Any:
    """Alice's contact Dana at Northwind, asked for a conversation two days ago."""
    from datetime import timedelta

    from django.utils import timezone

    from coffeechat.conversations import services as conversations
    from coffeechat.network import services as network

    person = network.add_person(owner=alice, full_name="Dana Whitfield", title="Data lead",
                                organization_name="Northwind", email="dana@example.org")
    conversation = conversations.start_conversation(owner=alice, person=person,
                                                    purpose="how data teams work")
    conversations.move_to_stage(conversation=conversation, stage="contacted",
                                on=timezone.localdate() - timedelta(days=2))
    conversations.add_note(person=person, body="Met at the PyData meetup; loves SQL.")
    return conversation


@pytest.fixture
def mallorys_person(mallory) -> Any:
    from coffeechat.network import services as network

    return network.add_person(owner=mallory, full_name="Quentin Mallorysfriend",
                              organization_name="Elsewhere Ltd")
