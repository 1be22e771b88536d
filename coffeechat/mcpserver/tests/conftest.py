"""The SDK's own client against our server: in process, over stdio and over HTTP (granian)."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from coffeechat.lib.testing.databases import database_url
from coffeechat.lib.testing.servers import free_port, wait_for_port

BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture(scope="session")
def child_env(django_db_setup, tmp_path_factory) -> dict[str, str]:
    """Environment for a coffeechat process of its own on the test database."""
    return {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)},
        "DATABASE_URL": database_url(),
        "COFFEECHAT_DATA_DIR": str(tmp_path_factory.mktemp("child-data")),
        "SECRET_KEY": "test-only-" + "x" * 50,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }


def _warm_up(url: str) -> None:
    """The first request loads Django's URLconf and the MCP server; keep it out of the tests
    (a client's protocol probe gives up after 10 s, then falls back to the 2025 handshake)."""
    try:
        urllib.request.urlopen(urllib.request.Request(url, data=b"{}", method="POST"), timeout=90)
    except urllib.error.HTTPError as refused:  # 401: no token, as expected
        assert refused.code == 401


@pytest.fixture(scope="module")
def granian(child_env) -> Iterator[str]:
    """coffeechat served the way production serves it (granian, WSGI), on a loopback port."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--log-level",
            "warning",
            "config.wsgi:application",
        ],
        cwd=BASE_DIR,
        env=child_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        if not wait_for_port(port, timeout=60, alive=lambda: process.poll() is None):
            process.kill()
            raise RuntimeError(f"granian did not start: {process.communicate()[1][-2000:]!r}")
        url = f"http://127.0.0.1:{port}/mcp/"
        _warm_up(url)
        yield url
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

    person = network.add_person(
        owner=alice,
        full_name="Dana Whitfield",
        title="Data lead",
        organization_name="Northwind",
        email="dana@example.org",
    )
    conversation = conversations.start_conversation(
        owner=alice, person=person, purpose="how data teams work"
    )
    conversations.move_to_stage(
        conversation=conversation, stage="contacted", on=timezone.localdate() - timedelta(days=2)
    )
    conversations.add_note(person=person, body="Met at the PyData meetup; loves SQL.")
    return conversation


@pytest.fixture
def mallorys_person(mallory) -> Any:
    from coffeechat.network import services as network

    return network.add_person(
        owner=mallory, full_name="Quentin Mallorysfriend", organization_name="Elsewhere Ltd"
    )
