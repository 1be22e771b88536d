"""An account import writes in short batches, and stays all or nothing (issue: one transaction
held SQLite's write lock about 11 s per 10,000 people, past what other users' writes can wait).
"""

from __future__ import annotations

import io
import json
import threading
import time
import zipfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import OperationalError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from coffeechat.accounts.models import User
from coffeechat.cards.models import Card
from coffeechat.exports import document, erasure, importing, queries
from coffeechat.exports.models import AccountImport
from coffeechat.network.models import Person, Tag


def _zip(records: dict, account: dict | None = None, files: dict | None = None) -> io.BytesIO:
    doc = {
        "format": document.FORMAT,
        "version": document.VERSION,
        "account": account or {},
        "records": records,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("data.json", json.dumps(doc))
        for name, content in (files or {}).items():
            zipped.writestr(name, content)
    buffer.seek(0)
    return buffer


def _people(count: int) -> list[dict]:
    return [{"id": i, "full_name": f"Imported Person {i}"} for i in range(1, count + 1)]


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 240), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def _stored_files(settings) -> set[Path]:
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


@pytest.fixture
def bob(db) -> User:
    return User.objects.create_user("bob@example.org", "correct horse battery")


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings) -> None:
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }


class Meanwhile(threading.Thread):
    """Runs `step` every few milliseconds on a connection of its own until the block ends."""

    def __init__(self, step: Callable[[], None], pause: float) -> None:
        super().__init__()
        self.step, self.pause, self.done = step, pause, threading.Event()

    def run(self) -> None:
        try:
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA busy_timeout = 5000")  # all another request waits
            while not self.done.is_set():
                self.step()
                time.sleep(self.pause)
        finally:
            connection.close()

    def __enter__(self) -> Meanwhile:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.join(30)


class AnotherUser:
    """Another user's requests writing (every 10 ms) while someone else reads how many people
    `watched` has, as the database says at each moment (every 2 ms: readers never wait)."""

    def __init__(self, user: User, watched: User) -> None:
        self.user, self.watched_id = user, watched.pk
        self.failures: list[Exception] = []
        self.seen: list[int] = []
        self.written = 0
        self.threads = [Meanwhile(self._write, 0.01), Meanwhile(self._count, 0.002)]

    def _write(self) -> None:
        try:
            with transaction.atomic():
                Tag.objects.create(owner=self.user, name=f"Written meanwhile {self.written}")
            self.written += 1
        except OperationalError as error:
            self.failures.append(error)

    def _count(self) -> None:
        self.seen.append(Person.objects.filter(owner_id=self.watched_id).count())

    def __enter__(self) -> AnotherUser:
        for thread in self.threads:
            thread.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        for thread in self.threads:
            thread.__exit__()


@pytest.mark.slow  # another user writing beside a large import: make test-fast leaves it out
@pytest.mark.django_db(transaction=True)
def test_another_users_writes_go_through_while_a_large_import_runs(
    bob, mallory, monkeypatch
) -> None:
    monkeypatch.setattr(document, "ROWS_PER_TRANSACTION", 500)
    total = 4_000
    archive = _zip({"network.Person": _people(total)})

    with AnotherUser(mallory, watched=bob) as other:
        importing.import_account(owner=bob, archive=archive)

    assert not other.failures
    assert Tag.objects.filter(owner=mallory).count() == other.written > 1
    # The import committed batch by batch, letting the other writes in between.
    assert any(0 < n < total for n in other.seen), sorted(set(other.seen))
    assert Person.objects.filter(owner=bob).count() == total


@pytest.mark.slow  # another user writing beside a large import: make test-fast leaves it out
@pytest.mark.django_db(transaction=True)
def test_another_users_writes_go_through_while_a_large_account_is_deleted(
    bob, mallory, monkeypatch
) -> None:
    monkeypatch.setattr(document, "ROWS_PER_TRANSACTION", 500)
    total = 4_000
    Person.objects.bulk_create([Person(owner=bob, full_name=f"P{i}") for i in range(total)])

    with AnotherUser(mallory, watched=bob) as other:
        erasure.delete_account(user=bob)

    assert not other.failures
    assert Tag.objects.filter(owner=mallory).count() == other.written > 0
    assert any(0 < n < total for n in other.seen), sorted(set(other.seen))  # batch by batch
    assert not User.objects.filter(email="bob@example.org").exists()


def test_a_failure_half_way_leaves_the_account_empty(
    bob, settings, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    monkeypatch.setattr(document, "ROWS_PER_TRANSACTION", 2)
    files_before = _stored_files(settings)
    cards = [
        {"id": i, "event": "Fair", "status": "read", "image": f"files/cards.Card/{i}/photo.jpg"}
        for i in range(1, 5)
    ]
    cards.append({"id": 5, "event": "Fair", "status": "read", "colour": "blue"})  # refused
    archive = _zip(
        {"network.Person": _people(5), "cards.Card": cards},
        account={"time_zone": "Asia/Tokyo"},
        files={f"files/cards.Card/{i}/photo.jpg": _photo() for i in range(1, 5)},
    )
    with django_capture_on_commit_callbacks():
        account_import = importing.request_import(
            owner=bob, upload=archive, size=len(archive.getvalue())
        )

    with django_capture_on_commit_callbacks(execute=True):
        importing.run_import(import_id=account_import.pk)

    account_import.refresh_from_db()
    assert account_import.status == AccountImport.Status.FAILED
    assert "unknown fields (colour)" in account_import.error
    assert queries.row_counts(bob) == {}  # the people and cards of the first batches are gone
    assert not Person.objects.filter(owner=bob).exists() and not Card.objects.exists()
    assert _stored_files(settings) == files_before  # their photos too, and the zip
    bob.refresh_from_db()
    assert bob.time_zone == "UTC"  # the profile is written last, with the import's end
    page = Client()
    page.force_login(bob)
    html = page.get(reverse("exports:account-import", args=[account_import.pk])).content
    assert b"Nothing from this zip is in your account" in html


def test_an_import_whose_worker_died_half_way_is_undone_from_its_page(
    bob, django_capture_on_commit_callbacks
) -> None:
    account_import = AccountImport.objects.create(
        owner=bob,
        status=AccountImport.Status.RUNNING,
        began_writing=True,
        heartbeat_at=timezone.now() - importing.IMPORT_DEAD_AFTER - timedelta(seconds=1),
    )
    Person.objects.bulk_create(
        [Person(owner=bob, full_name=f"Half imported {i}") for i in range(30)]
    )
    page = Client()
    page.force_login(bob)

    with django_capture_on_commit_callbacks(execute=True):  # the undo task runs at once
        page.get(reverse("exports:account-import", args=[account_import.pk]))

    account_import.refresh_from_db()
    assert account_import.status == AccountImport.Status.FAILED
    assert "The server stopped while importing" in account_import.error
    assert not Person.objects.filter(owner=bob).exists()
    html = page.get(reverse("exports:account-import", args=[account_import.pk])).content
    assert b"upload the zip again" in html


def test_the_sweep_undoes_a_dead_import_but_not_one_that_never_began_writing(
    bob, alice, django_capture_on_commit_callbacks
) -> None:
    stale = timezone.now() - importing.IMPORT_DEAD_AFTER - timedelta(seconds=1)
    writing = AccountImport.objects.create(
        owner=bob, status=AccountImport.Status.RUNNING, began_writing=True, heartbeat_at=stale
    )
    Person.objects.create(owner=bob, full_name="Half imported")
    # Alice's import died while it read the zip; what she added meanwhile is hers.
    reading = AccountImport.objects.create(
        owner=alice, status=AccountImport.Status.RUNNING, heartbeat_at=stale
    )
    hers = Person.objects.create(owner=alice, full_name="Added by hand")

    with django_capture_on_commit_callbacks(execute=True):
        assert importing.sweep_dead_imports()

    writing.refresh_from_db()
    reading.refresh_from_db()
    assert writing.status == reading.status == AccountImport.Status.FAILED
    assert not Person.objects.filter(owner=bob).exists()
    assert Person.objects.filter(pk=hers.pk).exists()
    assert not importing.sweep_dead_imports()  # nothing left to do


def test_a_queued_card_is_read_only_once_the_whole_import_is_in(
    bob, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    monkeypatch.setattr(document, "ROWS_PER_TRANSACTION", 1)
    cards = [
        {"id": 1, "event": "Fair", "status": "queued", "image": "files/cards.Card/1/photo.jpg"},
        {"id": 2, "event": "Fair", "status": "read", "colour": "blue"},  # refused
    ]
    archive = _zip({"cards.Card": cards}, files={"files/cards.Card/1/photo.jpg": _photo()})

    with django_capture_on_commit_callbacks() as queued, pytest.raises(Exception, match="colour"):
        importing.import_account(owner=bob, archive=archive)

    # The card was written in the first batch, and undone: no task may read it.
    assert not Card.objects.exists()
    assert not [then for then in queued if then.__module__ == "coffeechat.exports.rederive"]
