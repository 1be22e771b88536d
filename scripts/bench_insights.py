"""Time /insights/ (and an occupation page) for an account with many people.

Usage: COFFEECHAT_DATA_DIR=$(mktemp -d) .venv/bin/python scripts/bench_insights.py [--people N]
Creates an account with N people (default 10,000), each with a conversation that went some way
along the stages (with the timeline rows the services would have written), meetings, referrals
and introductions; --items captured items in all (default 20,000: the referrals and advice from
a pool of phrases, spread over a year) read into themes the way the worker does, and the most
obstacles an account may have (named and closed over a year); loads the made-up O*NET test
release; then requests each page --runs times and prints the median time and query count beside
a trivial page (the occupation search form) timed in the same run. Use a scratch data dir: it
writes to the database the environment names.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from pagetiming import timed  # noqa: E402

PATH_STAGES = ["contacted", "replied", "scheduled", "met", "thanked", "nurturing"]
CONNECTIONS = ["alumni", "referral", "known", "group", "event", "fan", "cold"]
SEGMENTS = ["unknown", "booster", "obligate", "curmudgeon"]
ADVICE = [
    "Learn SQL window functions",
    "SQL is a must",
    "Take a SQL course",
    "Build a portfolio project on a public dataset",
    "Volunteer on a data project",
    "Get good at storytelling with data",
    "Learn basic survival analysis",
    "Tableau dashboards get you interviews",
    "Join the R-Ladies meetup",
    "Take one claims-data course before applying",
    "Python after SQL, not before",
    "Write the memo, not only the dashboard",
    "Practise one-page research readouts",
]
FILLER = [
    "She was generous with her time.",
    "The team is small and busy this quarter.",
    "They are hiring in the spring.",
    "Most of the week goes to ad hoc requests.",
]


def seed(owner, count: int, items: int) -> None:
    from coffeechat.conversations.models import Activity, Conversation, Meeting
    from coffeechat.network.models import Introduction, Person
    from coffeechat.prep.models import Capture

    now = timezone.now()
    people = Person.objects.bulk_create(
        [
            Person(
                owner=owner,
                full_name=f"Person {i} Bench",
                connection=CONNECTIONS[i % 7],
                segment=SEGMENTS[i % 4],
            )
            for i in range(count)
        ],
        batch_size=2_000,
    )
    conversations = []
    for i, person in enumerate(people):
        reached = i % (len(PATH_STAGES) + 1)  # 0 = identified only
        stage = PATH_STAGES[reached - 1] if reached else "identified"
        conversations.append(
            Conversation(
                owner=owner,
                person=person,
                stage=stage,
                stage_changed_at=now - timedelta(days=i % 90),
            )
        )
    conversations = Conversation.objects.bulk_create(conversations, batch_size=2_000)
    activities, meetings = [], []
    for i, conversation in enumerate(conversations):
        when = now - timedelta(days=i % 84, hours=3)
        previous = "identified"
        for stage in PATH_STAGES[: i % (len(PATH_STAGES) + 1)]:
            activities.append(
                Activity(
                    owner=owner,
                    person_id=conversation.person_id,
                    conversation=conversation,
                    occurred_at=when,
                    action="conversation.stage_changed",
                    summary="moved",
                    data={"old": previous, "new": stage},
                )
            )
            if stage == "met":
                meetings.append(
                    Meeting(
                        owner=owner,
                        conversation=conversation,
                        starts_at=when - timedelta(hours=1),
                        minutes=20,
                    )
                )
            previous, when = stage, when + timedelta(hours=10)
    Activity.objects.bulk_create(activities, batch_size=5_000)
    Meeting.objects.bulk_create(meetings, batch_size=2_000)
    introductions = [
        Introduction(
            owner=owner, introducer=people[i], introduced=people[i + 1], introduced_on=now.date()
        )
        for i in range(0, count - 1, 3)
    ]
    Introduction.objects.bulk_create(introductions, batch_size=2_000)
    Capture.objects.bulk_create(
        [
            Capture(owner=owner, conversation=c, kind="referral", text="Talk to someone")
            for c in conversations[::5]
        ],
        batch_size=2_000,
    )
    referrals = len(conversations[::5])
    advice = seed_strategy(owner, conversations, max(0, items - referrals), now)
    print(
        f"seeded {count} people, {len(activities)} timeline rows, {len(meetings)} meetings, "
        f"{len(introductions)} introductions, {referrals + advice} captured items"
    )


def seed_strategy(owner, conversations: list, advice: int, now) -> int:
    """Advice spread over a year, and the most obstacles allowed, named and closed over it."""
    from coffeechat.prep.models import Capture
    from coffeechat.strategy.models import Obstacle
    from coffeechat.strategy.obstacles import MAX_OBSTACLES

    rng = random.Random(2026)
    Capture.objects.bulk_create(
        [
            Capture(
                owner=owner,
                conversation=rng.choice(conversations),
                kind="advice",
                text=" ".join([rng.choice(ADVICE), *rng.sample(FILLER, rng.randint(0, 2))]),
                created_at=now - timedelta(days=rng.randrange(365)),
            )
            for _ in range(advice)
        ],
        batch_size=2_000,
    )
    obstacles = []
    for i in range(MAX_OBSTACLES):
        named = now - timedelta(days=rng.randrange(365))
        closed = named + timedelta(days=rng.randrange(60)) if i % 5 < 2 else None
        closed = closed if closed and closed < now else None
        obstacles.append(
            Obstacle(
                owner=owner,
                title=f"Obstacle {i}",
                key=f"obstacle {i}",
                created_at=named,
                status_changed_at=closed or named,
                status="closed" if closed else ["open", "working"][i % 2],
                closed_at=closed,
            )
        )
    Obstacle.objects.bulk_create(obstacles)
    return advice


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from coffeechat.accounts.models import User
    from coffeechat.lib.testing.onet import SAMPLE
    from coffeechat.occupations import services as occupations

    User.objects.filter(email="bench-insights@example.org").delete()
    owner = User.objects.create_user("bench-insights@example.org", "bench-password-1")
    seed(owner, args.people, args.items)
    from coffeechat.strategy import themes
    from coffeechat.strategy.models import Theme

    start = time.perf_counter()
    themes.catch_up(owner)  # the worker's first read of a big account
    print(
        f"read into themes (worker): {time.perf_counter() - start:.1f} s, "
        f"{Theme.objects.filter(owner=owner, status='confirmed').count()} themes confirmed"
    )
    occupations.import_release(path=SAMPLE)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(owner)
    trivial, _ = timed(client, "/occupations/", args.runs)
    print(f"{'page':<28}{'median ms':>10}{'queries':>9}{'x trivial':>11}")
    for path in [
        "/occupations/",
        "/insights/",
        "/occupations/99-0001.00/",
        "/occupations/?q=senior+data+scientist",
    ]:
        ms, count = timed(client, path, args.runs)
        print(f"{path:<28}{ms:>10.1f}{count:>9}{ms / trivial:>11.1f}")


if __name__ == "__main__":
    main()
