"""A real `manage.py db_worker` meets a SQLite write lock held past the busy timeout by another
connection: it must stay up and run the task again, not exit (which stopped `make run`)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django_tasks_db.models import DBTaskResult

from coffeechat.lib.testing.databases import database_url
from coffeechat.scheduler.tests.worker_tasks import write_after

pytestmark = pytest.mark.django_db(transaction=True)
BUSY_TIMEOUT = settings.SQLITE_OPTIONS["timeout"]


def _wait_for(check, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.system  # a worker process waits out a lock held past the 20 s busy timeout
def test_the_worker_survives_a_database_locked_past_the_busy_timeout(tmp_path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite has a database-wide write lock")
    result = write_after.enqueue(3, "written-after-the-lock")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "PYTEST_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url(),
        COFFEECHAT_DATA_DIR=str(tmp_path),
        SECRET_KEY="worker-lock-test",
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
            "--skip-checks",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert _wait_for(lambda: DBTaskResult.objects.get(pk=result.id).status == "RUNNING", 30)
        # Another process takes the write lock while the task sleeps, and keeps it past the
        # busy timeout the task's own write waits for.
        other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        time.sleep(BUSY_TIMEOUT + 5)
        other.execute("ROLLBACK")
        other.close()

        assert _wait_for(
            lambda: Session.objects.filter(session_key="written-after-the-lock").exists(), 60
        ), worker.poll()
        assert worker.poll() is None, "the worker exited"
        assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    finally:
        worker.send_signal(signal.SIGTERM)
        output = worker.communicate(timeout=30)[0]
    assert "met a locked database; it runs again" in output, output
