"""Time the full-account export (and its import) of an account with many people.

Usage: COFFEECHAT_DATA_DIR=$(mktemp -d) .venv/bin/python scripts/bench_export.py [--people N]
Creates an account with N people (default 10,000), each with an organization, a tag, a
conversation, a note and a reminder, then times write_account_zip and import_account into a
second, empty account. Use a scratch data dir: it writes to the database the environment names.
Numbers are for deciding whether exports can stay in the request or need the background task
(they run in the background); tests don't assert timings.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from coffeechat.accounts.models import User
    from coffeechat.exports import services

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
    start = time.perf_counter()
    result = services.import_account(owner=target, archive=buffer)
    imported = time.perf_counter() - start
    print(
        f"{args.people} people: export {exported:.1f} s "
        f"({len(buffer.getvalue()) / 1e6:.1f} MB zip), import {imported:.1f} s "
        f"({result.summary})"
    )


if __name__ == "__main__":
    main()
