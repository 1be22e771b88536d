"""Time the full-account export (and its import) of an account with many people.

Usage: COFFEECHAT_DATA_DIR=$(mktemp -d) .venv/bin/python scripts/bench_export.py [--people N]
Creates an account with N people (default 10,000), each with an organization, a tag, a
conversation, a note and a reminder, then times write_account_zip and import_account into a
second, empty account. Use a scratch data dir: it writes to the database the environment names.
Numbers are for deciding whether exports can stay in the request or need the background task
(they run in the background); tests don't assert timings.

While the import runs, a second thread writes one small row every 20 ms (as another user's
request would) and reports the longest it waited: the longest the import held SQLite's write
lock in one go (docs/operations.md: writers wait at most the 20 s busy timeout).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402


def seed(owner, count: int) -> None:
    from coffeechat.conversations.models import Conversation, Note, Reminder
    from coffeechat.network.models import Organization, Person, Tag

    now = timezone.now()
    tag = Tag.objects.create(owner=owner, name="bench")
    orgs = Organization.objects.bulk_create(
        [Organization(owner=owner, name=f"Org {i}") for i in range(count // 10 or 1)]
    )
    people = Person.objects.bulk_create(
        [
            Person(
                owner=owner,
                full_name=f"Person {i} Bench",
                organization=orgs[i % len(orgs)],
                email=f"p{i}@example.org",
                phone="+1 555 010 0000",
                notes="=1+1 notes",
            )
            for i in range(count)
        ]
    )
    Person.tags.through.objects.bulk_create(
        [Person.tags.through(person=p, tag=tag) for p in people]
    )
    conversations = Conversation.objects.bulk_create(
        [Conversation(owner=owner, person=p, stage_changed_at=now) for p in people]
    )
    Note.objects.bulk_create(
        [Note(owner=owner, person=c.person, conversation=c, body="note") for c in conversations]
    )
    Reminder.objects.bulk_create(
        [
            Reminder(owner=owner, conversation=c, title="Follow up", due_at=now + timedelta(days=3))
            for c in conversations
        ]
    )


class WriteProbe(threading.Thread):
    """Another writer: one short UPDATE every 20 ms; remembers the longest each one took."""

    def __init__(self, user_id: int) -> None:
        super().__init__(daemon=True)
        self.user_id, self.stop, self.waits, self.failures = user_id, threading.Event(), [], 0

    def run(self) -> None:
        from django.db import OperationalError, connection, transaction

        from coffeechat.accounts.models import User

        try:
            while not self.stop.wait(0.02):
                start = time.perf_counter()
                try:
                    with transaction.atomic():
                        User.objects.filter(pk=self.user_id).update(last_login=timezone.now())
                except OperationalError:  # gave up after the busy timeout
                    self.failures += 1
                self.waits.append(time.perf_counter() - start)
        finally:
            connection.close()


def where() -> str:
    """The innermost coffeechat functions on the stack: what a transaction was doing."""
    import traceback

    frames = [f for f in traceback.extract_stack() if "/coffeechat/" in f.filename]
    return " < ".join(f"{f.name}" for f in reversed(frames[-3:]))


class LockClock:
    """Times each transaction this thread's connection holds (BEGIN IMMEDIATE to COMMIT)."""

    def __init__(self) -> None:
        from django.db import connection

        self.holds: list[float] = []
        self.longest: tuple[float, str] = (0.0, "")
        begin, commit, rollback = (
            connection._start_transaction_under_autocommit,
            connection._commit,
            connection._rollback,
        )
        started = [0.0]

        def timed_begin() -> None:
            begin()
            started[0] = time.perf_counter()

        def timed_end(end):
            def ended() -> None:
                end()
                if started[0]:
                    held = time.perf_counter() - started[0]
                    self.holds.append(held)
                    if held > self.longest[0]:
                        self.longest = (held, where())
                    started[0] = 0.0

            return ended

        connection._start_transaction_under_autocommit = timed_begin
        connection._commit, connection._rollback = timed_end(commit), timed_end(rollback)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from coffeechat.accounts.models import User
    from coffeechat.exports import erasure, services

    for email in ("bench@example.org", "bench-import@example.org"):
        User.objects.filter(email=email).delete()
    owner = User.objects.create_user("bench@example.org", "bench-password-1")
    target = User.objects.create_user("bench-import@example.org", "bench-password-1")
    seed(owner, args.people)

    buffer = io.BytesIO()
    start = time.perf_counter()
    services.write_account_zip(owner=owner, out=buffer)
    exported = time.perf_counter() - start
    buffer.seek(0)
    probe = WriteProbe(target.pk)
    probe.start()
    clock = LockClock()
    start = time.perf_counter()
    result = services.import_account(owner=target, archive=buffer)
    imported = time.perf_counter() - start
    holds, writes = list(clock.holds), list(probe.waits)
    longest, failures = clock.longest, probe.failures
    start = time.perf_counter()
    erasure.erase_imported_rows(target)
    undone = time.perf_counter() - start
    undo_holds, clock.holds = clock.holds[len(holds) :], []
    start = time.perf_counter()
    services.delete_account(user=owner)
    deleted = time.perf_counter() - start
    probe.stop.set()
    probe.join()
    print(
        f"{args.people} people: export {exported:.1f} s "
        f"({len(buffer.getvalue()) / 1e6:.1f} MB zip), import {imported:.1f} s "
        f"({result.summary}); another writer waited at most {max(writes):.2f} s "
        f"({len(writes)} writes during the import, {failures} refused as locked); "
        f"the import's longest transaction {max(holds, default=0):.2f} s "
        f"({len(holds)} transactions, median {sorted(holds)[len(holds) // 2]:.2f} s; "
        f"the longest in {longest[1]}); "
        f"undoing it {undone:.1f} s, its longest transaction {max(undo_holds, default=0):.2f} s; "
        f"deleting the first account {deleted:.1f} s, its longest transaction "
        f"{max(clock.holds, default=0):.2f} s ({len(clock.holds)} transactions); the other "
        f"writer's writes refused after the import: {probe.failures - failures}"
    )


if __name__ == "__main__":
    main()
