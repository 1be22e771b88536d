"""`make run`'s script as a newcomer meets it: it says what it does, the web server starts
without warnings, a process that dies comes back, and Ctrl-C stops everything."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from coffeechat.lib.testing.servers import free_port

pytestmark = pytest.mark.interop
SCRIPT = Path(settings.BASE_DIR) / "scripts" / "run.sh"


def _group(session: int) -> dict[int, str]:
    out = subprocess.run(
        ["ps", "-o", "pid=,args=", "-s", str(session)], capture_output=True, text=True
    ).stdout
    return {int(line.split(None, 1)[0]): line.split(None, 1)[1] for line in out.splitlines()}


def _wait_for(check, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def _answers(url: str) -> bool:
    try:
        return urllib.request.urlopen(url, timeout=2).status == 200
    except OSError:
        return False


def test_run_restarts_a_dead_worker_and_ctrl_c_stops_everything(tmp_path) -> None:
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "PYTEST_", "DJANGO_"))
    }
    env.update(COFFEECHAT_DATA_DIR=str(tmp_path), PORT=str(port), SECRET_KEY="run-test")
    log = tmp_path / "run.log"
    # A session of its own, as a terminal gives: Ctrl-C is SIGINT to the foreground group.
    with log.open("w") as out:
        run = subprocess.Popen(
            [str(SCRIPT)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        assert _wait_for(lambda: _answers(f"http://127.0.0.1:{port}/accounts/login/"), 240), (
            log.read_text()
        )
        text = log.read_text()
        assert "Updating the database" in text and "Loading the demo account" in text
        assert "threads" not in text  # granian's "up to 256 Python threads" warning

        cards = [pid for pid, args in _group(run.pid).items() if "--queue-name cards" in args]
        assert len(cards) == 1, _group(run.pid)
        os.kill(cards[0], signal.SIGKILL)
        assert _wait_for(
            lambda: any(
                "--queue-name cards" in args and pid != cards[0]
                for pid, args in _group(run.pid).items()
            ),
            30,
        )
        assert "worker (cards) stopped (exit status 137); restarting it" in log.read_text()

        os.killpg(run.pid, signal.SIGINT)
        run.wait(timeout=30)
        assert _wait_for(lambda: not _group(run.pid), 5), _group(run.pid)
        assert log.read_text().count("restarting it") == 1  # nothing restarts while stopping
    finally:
        for pid in _group(run.pid):
            os.kill(pid, signal.SIGKILL)
