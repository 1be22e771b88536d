"""Work that is never stuck: an import whose worker dies is noticed (its lease runs out), marked
failed with nothing written, and can be retried or discarded from its page."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coffeechat.imports import applying, services, work
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.imports.tests.bigfile import linkedin_csv
from coffeechat.lib.testing.contact_files import LINKEDIN_2024 as LINKEDIN_CSV
from coffeechat.lib.testing.databases import database_url
from coffeechat.network.models import Person

ROWS = 12_000  # applying takes seconds: long enough to kill the worker in the middle


def _worker(tmp_path, *extra: str) -> subprocess.Popen:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "PYTEST_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url(),
        COFFEECHAT_DATA_DIR=str(tmp_path),
        SECRET_KEY="dead-work-test",
    )
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            "imports",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
            "--skip-checks",
            *extra,
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@contextmanager
def _held_before_it_writes(worker: subprocess.Popen) -> Iterator[None]:
    """Keep the worker from writing a person once it has claimed the import, so it is killed in
    the middle of its apply whatever the machine's speed (a timed pause raced a fast apply).
    SQLite: the test takes the write lock as soon as the lease shows; PostgreSQL: the people
    table is locked against writes from the start (the lease and reads still go through)."""
    deadline = time.monotonic() + 60
    if connection.vendor == "sqlite":
        held = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, timeout=30)
        table = ContactImport._meta.db_table
        while True:
            held.execute("BEGIN IMMEDIATE")
            if held.execute(f"SELECT heartbeat_at FROM {table}").fetchone()[0] is not None:
                break
            held.execute("ROLLBACK")
            assert time.monotonic() < deadline and worker.poll() is None
            time.sleep(0.02)
    else:
        held = psycopg.connect(database_url())
        held.execute(f"LOCK TABLE {Person._meta.db_table} IN EXCLUSIVE MODE")
        while ContactImport.objects.get().heartbeat_at is None:  # the worker took the lease
            assert time.monotonic() < deadline and worker.poll() is None
            time.sleep(0.02)
    try:
        yield
    finally:
        held.rollback()
        held.close()


@pytest.mark.system  # a worker process killed mid-import
@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_is_killed_can_be_retried_from_its_page(
    alice, alice_client: Client, tmp_path
) -> None:
    contact_import = services.analyse(
        contact_import=services.receive_file(
            owner=alice, filename="Connections.csv", data=linkedin_csv(ROWS)
        )
    )
    applying.start_import(contact_import=contact_import)  # queued: too big for the request

    worker = _worker(tmp_path)
    try:
        with _held_before_it_writes(worker):
            assert ContactImport.objects.get().status == "importing"  # still in the middle
            time.sleep(0.5)  # the worker is inside its apply, waiting for the write lock
            worker.send_signal(signal.SIGKILL)
            worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGKILL)
            worker.communicate(timeout=30)

    stuck = ContactImport.objects.get()
    assert (stuck.status, Person.objects.count()) == ("importing", 0)  # one transaction
    # The lease runs out; the scheduler's sweep gives it up.
    assert work.sweep_dead_imports(now=timezone.now() + work.DEAD_AFTER + timedelta(seconds=1))

    page = alice_client.get(reverse("imports:import", args=[stuck.pk])).content.decode()
    assert "The server stopped while working on this file" in page
    assert reverse("imports:retry", args=[stuck.pk]) in page
    assert reverse("imports:discard", args=[stuck.pk]) in page

    alice_client.post(reverse("imports:retry", args=[stuck.pk]))
    assert ContactImport.objects.get().status == "importing"  # queued again
    rerun = _worker(tmp_path, "--batch")
    output = rerun.communicate(timeout=300)[0]
    assert rerun.returncode == 0, output

    done = ContactImport.objects.get()
    assert done.status == "done", output
    assert Person.objects.filter(owner=alice).count() == done.new_count == ROWS - ROWS // 50


@pytest.mark.django_db
def test_a_dead_analysis_loses_its_partial_preview_and_can_be_discarded(
    alice, alice_client: Client
) -> None:
    contact_import = services.receive_file(
        owner=alice, filename="Connections.csv", data=LINKEDIN_CSV
    )
    long_ago = timezone.now() - work.DEAD_AFTER - timedelta(minutes=1)
    ImportRow.objects.create(
        owner=alice,
        contact_import=contact_import,
        line=2,
        outcome="new",
        contact={"full_name": "Half written"},
    )
    ContactImport.objects.filter(pk=contact_import.pk).update(heartbeat_at=long_ago)

    page = alice_client.get(reverse("imports:import", args=[contact_import.pk]))  # on read
    contact_import.refresh_from_db()
    assert (contact_import.status, contact_import.interrupted) == ("failed", "analysing")
    assert not ImportRow.objects.exists()
    assert b"Retry" in page.content

    alice_client.post(reverse("imports:discard", args=[contact_import.pk]))
    contact_import.refresh_from_db()
    assert contact_import.status == "discarded"


def test_a_live_import_is_left_alone(alice) -> None:
    contact_import = services.receive_file(
        owner=alice, filename="Connections.csv", data=LINKEDIN_CSV
    )
    work.beat(contact_import.pk)
    assert not work.sweep_dead_imports()
    contact_import.refresh_from_db()
    assert contact_import.status == "analysing"


def test_one_person_can_have_only_two_files_in_the_works(alice, alice_client: Client) -> None:
    for _ in range(work.MAX_WORKING_PER_USER):
        services.receive_file(owner=alice, filename="Connections.csv", data=LINKEDIN_CSV)
    response = alice_client.post(reverse("imports:new"), {"file": _upload(), "kind": ""})
    assert response.status_code == 400
    assert "imports still being read or added" in response.content.decode()
    assert ContactImport.objects.count() == work.MAX_WORKING_PER_USER


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("Connections.csv", LINKEDIN_CSV, content_type="text/csv")
