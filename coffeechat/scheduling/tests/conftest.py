"""A user in Berlin talking to someone in Los Angeles, and real calendar clients on loopback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coffeechat.lib.testing.clock import NOW
from coffeechat.lib.testing.servers import free_port, wait_for_port


@pytest.fixture
def berlin_alice(alice):
    alice.time_zone = "Europe/Berlin"
    alice.display_name = "Alice Berger"
    alice.save(update_fields=["time_zone", "display_name"])
    return alice


@pytest.fixture
def dana(berlin_alice):
    from coffeechat.network import services as network_services

    return network_services.add_person(
        owner=berlin_alice,
        full_name="Dana Whitfield",
        email="dana@example.com",
        time_zone="America/Los_Angeles",
    )


@pytest.fixture
def replied(dana):
    """A conversation with Dana that got a yes: time to offer slots."""
    from coffeechat.conversations import services as conversation_services

    conversation = conversation_services.start_conversation(owner=dana.owner, person=dana, now=NOW)
    conversation_services.move_to_stage(conversation=conversation, stage="contacted", now=NOW)
    conversation_services.move_to_stage(conversation=conversation, stage="replied", now=NOW)
    return conversation


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[str]:
    """A real CalDAV server (Radicale) on a free loopback port, data in tmp_path."""
    pytest.importorskip("radicale")
    port = free_port()
    config = tmp_path / "radicale.conf"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = none\ndelay = 0\n"
        f"[rights]\ntype = owner_only\n[storage]\nfilesystem_folder = {tmp_path / 'dav'}\n"
        "[logging]\nlevel = warning\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "-C", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        if not wait_for_port(port):
            raise RuntimeError(f"Nothing listens on 127.0.0.1:{port}")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)
        if process.stderr:
            process.stderr.close()


@pytest.fixture
def khal(tmp_path: Path):
    """Run khal with its own config and an empty vdir in tmp_path; local zone Berlin."""
    binary = Path(sys.executable).with_name("khal")
    # A dev dependency (uv sync installs it): its absence is a broken set-up, not a skip.
    assert binary.exists() or shutil.which("khal"), "khal is missing: run `make test`"
    vdir = tmp_path / "khal-calendar"
    vdir.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[coffeechat]]\npath = {vdir}\n"
        "[locale]\nlocal_timezone = Europe/Berlin\ndefault_timezone = Europe/Berlin\n"
        "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        f"[sqlite]\npath = {tmp_path / 'khal.db'}\n"
    )

    def run(*args: str) -> str:
        result = subprocess.run(
            [str(binary), "-c", str(config), *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    run.vdir = vdir  # type: ignore[attr-defined]
    return run
