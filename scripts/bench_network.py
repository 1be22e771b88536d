"""CPU cost of the main pages for one user with a big network, beside a trivial page.

Usage (a scratch database: it writes to the one the environment names):
  COFFEECHAT_DATA_DIR=$(mktemp -d) .venv/bin/python scripts/bench_network.py --people 10000
  DATABASE_URL=postgres://... .venv/bin/python scripts/bench_network.py --people 50000

Seeds one user with --people people (a tenth as many organizations, tags, phones, accented
names), 2 conversations per person up to --conversations, --notes notes, --reminders
reminders (most resolved or already mailed, a few hundred overdue), and --others other users
with a few rows each, by bulk creation (the search index is kept by its triggers as in
production). Then requests each page --runs times in-process and prints, per page, the CPU
milliseconds per request (time.process_time: the app, plus SQLite which runs in-process; on
PostgreSQL the server backend's CPU is added from /proc), p50 and p95, the wall-clock p50,
the queries of the last request, and the ratio to a trivial page (a form with the site's
layout and no data) timed in the same run. Last, the reminder sweep: one `send_next_digest`
when nothing is due, and when the user has overdue reminders to mail.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402

settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

FIRST = [
    "Tomás",
    "Zoë",
    "José",
    "Ana",
    "Wei",
    "Priya",
    "Olúwaseun",
    "Grace",
    "Ada",
    "Sam",
    "Chloé",
    "Björn",
    "Łukasz",
    "Mara",
    "Noah",
    "Emma",
    "Liam",
    "Sofía",
    "Jürgen",
    "Aiko",
]
LAST = [
    "Álvarez",
    "Müller",
    "Nguyen",
    "Okafor",
    "Smith",
    "García",
    "Kowalski",
    "Hopper",
    "Lovelace",
    "Dubois",
    "Rossi",
    "Chen",
    "Patel",
    "Johansson",
    "O'Brien",
    "Hernández",
    "Kim",
    "Novák",
    "Silva",
    "Fischer",
]
TITLES = [
    "Product manager",
    "Data analyst",
    "Software engineer",
    "Designer",
    "Recruiter",
    "Research scientist",
    "Marketing lead",
    "Consultant",
]
STAGES = [
    "identified",
    "contacted",
    "replied",
    "scheduled",
    "met",
    "thanked",
    "nurturing",
    "no_reply",
    "declined",
]
WORDS = [
    "portfolio",
    "SQL",
    "storytelling",
    "mentor",
    "hiring freeze",
    "roadmap",
    "Tableau",
    "conference",
    "referral",
    "negotiation",
    "onboarding",
    "startup",
    "remote",
]


def seed(owner, *, people: int, conversations: int, notes: int, reminders: int) -> dict:
    from coffeechat.conversations.models import Conversation, Note, Reminder
    from coffeechat.network.models import Organization, Person, Tag

    rng = random.Random(7)
    now = timezone.now()
    organizations = Organization.objects.bulk_create(
        [
            Organization(owner=owner, name=f"{rng.choice(LAST)} {i} Ltd", industry="Software")
            for i in range(max(people // 10, 1))
        ],
        batch_size=2_000,
    )
    tags = Tag.objects.bulk_create(
        [Tag(owner=owner, name=f"{w} {i}") for i, w in enumerate(WORDS * 4)]
    )
    persons = Person.objects.bulk_create(
        [
            Person(
                owner=owner,
                full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}",
                title=rng.choice(TITLES),
                organization=organizations[i % len(organizations)] if i % 7 else None,
                phone=f"+1 (555) {i // 10_000:03} {i % 10_000:04}" if i % 3 else "",
                email=f"person{i}@example.org",
                notes=rng.choice(WORDS),
            )
            for i in range(people)
        ],
        batch_size=2_000,
    )
    through = Person.tags.through
    through.objects.bulk_create(
        [
            through(person_id=p.pk, tag_id=tags[i % len(tags)].pk)
            for i, p in enumerate(persons)
            if i % 2
        ],
        batch_size=5_000,
    )
    threads = Conversation.objects.bulk_create(
        [
            Conversation(
                owner=owner,
                person=persons[i % people],
                stage=STAGES[i % len(STAGES)],
                stage_changed_at=now - timedelta(hours=i),
                contacted_at=now - timedelta(hours=i + 1) if i % len(STAGES) else None,
            )
            for i in range(conversations)
        ],
        batch_size=2_000,
    )
    Note.objects.bulk_create(
        [
            Note(
                owner=owner,
                person_id=threads[i % len(threads)].person_id,
                conversation=threads[i % len(threads)],
                body=f"Talked about {rng.choice(WORDS)} {i}",
            )
            for i in range(notes)
        ],
        batch_size=5_000,
    )
    statuses = ["done", "dismissed", "cancelled", "open"]
    Reminder.objects.bulk_create(
        [
            Reminder(
                owner=owner,
                conversation=threads[i % len(threads)],
                kind="custom",
                title=f"Reminder {i}",
                status=statuses[i % 4],
                due_at=now - timedelta(hours=i % 5_000) + timedelta(days=3 if i % 40 == 3 else 0),
            )
            for i in range(reminders)
        ],
        batch_size=5_000,
    )
    # Everything open and due so far was mailed already, but the last 300 overdue.
    from coffeechat.conversations.models import Digest

    digest = Digest.objects.create(owner=owner, message_id="<bench@coffeechat>", sent_at=now)
    due = Reminder.objects.filter(owner=owner, status="open", due_at__lte=now)
    keep = list(due.order_by("-due_at").values_list("pk", flat=True)[:300])
    due.exclude(pk__in=keep).update(digest=digest)
    return {
        "person": persons[1],
        "organization": organizations[1],
        "conversation": threads[1],
        "surname": persons[1].full_name.split()[1].split("-")[0],
        "tag": tags[3].name,
    }


def seed_others(count: int) -> None:
    from coffeechat.accounts.models import User
    from coffeechat.conversations.models import Conversation, Reminder
    from coffeechat.network.models import Person

    now = timezone.now()
    users = User.objects.bulk_create([User(email=f"other{i}@example.org") for i in range(count)])
    people = Person.objects.bulk_create(
        [
            Person(owner=u, full_name=f"Tomás Other{i}-{j}")
            for i, u in enumerate(users)
            for j in range(5)
        ]
    )
    threads = Conversation.objects.bulk_create(
        [
            Conversation(owner_id=p.owner_id, person=p, stage="contacted", stage_changed_at=now)
            for p in people[::5]
        ]
    )
    Reminder.objects.bulk_create(
        [
            Reminder(
                owner_id=c.owner_id,
                conversation=c,
                title="x",
                due_at=now + timedelta(days=d),
                status="open",
            )
            for c in threads
            for d in (1, 2)
        ]
    )


def _backend_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL backend so far (0 on SQLite)."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(client: Client, path: str, runs: int) -> dict:
    client.get(path)  # warm-up
    cpu, wall, count = [], [], 0
    for _ in range(runs):
        backend, process, started = _backend_cpu(), time.process_time(), time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - process + _backend_cpu() - backend) * 1000)
        count = len(queries)
        assert response.status_code == 200, (path, response.status_code)
    cpu.sort()
    return {
        "p50": statistics.median(cpu),
        "p95": cpu[min(len(cpu) - 1, int(len(cpu) * 0.95))],
        "wall": statistics.median(wall),
        "queries": count,
        "kb": len(response.content) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--conversations", type=int, default=20_000)
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--reminders", type=int, default=100_000)
    parser.add_argument("--others", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as served: the manifest
    from coffeechat.accounts.models import User
    from coffeechat.conversations import digests

    User.objects.filter(email="bench-network@example.org").delete()
    owner = User.objects.create_user(
        "bench-network@example.org", "bench-password-1", time_zone="Europe/Paris"
    )
    from coffeechat.search import fulltext

    started = time.perf_counter()
    # Bulk loading: the search index's triggers off, the index rebuilt once at the end.
    with fulltext.paused():
        rows = seed(
            owner,
            people=args.people,
            conversations=args.conversations,
            notes=args.notes,
            reminders=args.reminders,
        )
        seed_others(args.others)
        seeded = time.perf_counter()
    print(
        f"{connection.vendor}: seeded {args.people:,} people, {args.conversations:,} "
        f"conversations, {args.notes:,} notes, {args.reminders:,} reminders and "
        f"{args.others:,} other users in {seeded - started:.0f} s, search index rebuilt "
        f"in {time.perf_counter() - seeded:.1f} s"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would have by now

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(owner)
    person, organization = rows["person"], rows["organization"]
    pages = [
        ("trivial page (a form, no data)", "/organizations/new/"),
        ("Today", "/today/"),
        ("Today: all overdue, page 1", "/today/all/?section=overdue"),
        ("People, first page", "/people/"),
        ("People, page 50", "/people/?page=50"),
        (f"People, search '{rows['surname']}'", f"/people/?q={rows['surname']}"),
        ("People, search 'tom' (prefix)", "/people/?q=tom"),
        ("People, search a phone", "/people/?q=555%20000%201234"),
        ("People, stage filter", "/people/?stage=contacted"),
        ("People, organization filter", f"/people/?organization={organization.pk}"),
        ("People, tag filter", f"/people/?tag={rows['tag']}"),
        ("Person chooser (as you type)", "/people/choose/?q=ana%20g"),
        ("Pipeline", "/pipeline/"),
        ("Person page", f"/people/{person.pk}/"),
        ("Organization page", f"/organizations/{organization.pk}/"),
        ("Organizations list", "/organizations/"),
        ("Conversation page", f"/conversations/{rows['conversation'].pk}/"),
        ("Settings", "/settings/"),
    ]
    results = [(label, measure(client, path, args.runs)) for label, path in pages]
    trivial = results[0][1]["p50"]
    print(
        f"\n{'page':<36}{'CPU p50':>9}{'p95':>8}{'x trivial':>10}{'wall p50':>10}"
        f"{'queries':>9}{'KB':>7}"
    )
    for label, r in results:
        print(
            f"{label:<36}{r['p50']:>9.1f}{r['p95']:>8.1f}{r['p50'] / trivial:>10.1f}"
            f"{r['wall']:>10.1f}{r['queries']:>9}{r['kb']:>7.0f}"
        )

    idle_now = timezone.now() - timedelta(days=400)
    started = time.perf_counter()
    digests.send_next_digest(now=idle_now)
    idle = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    sent = 0
    while sent < 5 and digests.send_next_digest():
        sent += 1
    busy = (time.perf_counter() - started) * 1000 / max(sent, 1)
    print(
        f"\nreminder sweep over {args.reminders:,} reminders: {idle:.1f} ms when nothing is "
        f"due, {busy:.1f} ms per digest claimed and mailed ({sent} digests)"
    )


if __name__ == "__main__":
    main()
