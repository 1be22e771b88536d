"""Time themes and the strategy pages on a big account, against a trivial view.

Usage: COFFEECHAT_DATA_DIR=$(mktemp -d) .venv/bin/python scripts/bench_strategy.py
       [--people 10000] [--items 20000] [--runs 5]
Builds an account with N people (each with an organization and a conversation) and M captured
items (60% captures, 20% answered questions, 20% notes) written from a pool of realistic
phrases, a tenth of them tagged to three options, then times:
- reading every item into themes the first time (the worker's job on a big account);
- each page (median of --runs), after a warm-up, with its query count;
- the page right after one new capture (read it, count themes again);
- a trivial view (a signed-in redirect) for scale.
Use a scratch data dir: it writes to the database the environment names. Numbers are for
comparing changes on one machine; the tests check that query counts stay constant.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from pagetiming import timed  # noqa: E402

ADVICE = [
    "Learn SQL window functions",
    "SQL is a must",
    "sql!!",
    "Take a SQL course",
    "Build a portfolio project on a public dataset",
    "Volunteer on a data project",
    "Get good at storytelling with data",
    "Read Storytelling with Data by Cole Knaflic",
    "Practise one-page research readouts",
    "Learn basic survival analysis",
    "Tableau dashboards get you interviews",
    "Explain a confusion matrix to a nurse manager",
    "Take one claims-data course before applying",
    "Join the R-Ladies meetup",
    "Write the memo, not only the dashboard",
    "Python after SQL, not before",
]
FILLER = [
    "She was generous with her time.",
    "Video, 20 min.",
    "He offered to introduce me to a colleague.",
    "The team is small and busy this quarter.",
    "They are hiring in the spring.",
    "Coffee near the office.",
    "Most of the week goes to ad hoc requests.",
    "The data arrives late and messy.",
    "Funders ask for outcomes, not outputs.",
]


def seed(owner, people: int, items: int, rng: random.Random) -> None:
    from coffeechat.conversations.models import Conversation, Note
    from coffeechat.network.models import Organization, Person
    from coffeechat.prep.models import Capture, Question
    from coffeechat.strategy import obstacles, services
    from coffeechat.strategy.models import Evidence

    now = timezone.now()
    orgs = Organization.objects.bulk_create(
        [Organization(owner=owner, name=f"Bench Org {i}") for i in range(people // 10 or 1)]
    )
    persons = Person.objects.bulk_create(
        [
            Person(owner=owner, full_name=f"Person {i} Bench", organization=orgs[i % len(orgs)])
            for i in range(people)
        ]
    )
    conversations = Conversation.objects.bulk_create(
        [Conversation(owner=owner, person=p, stage_changed_at=now) for p in persons]
    )

    def text() -> str:
        return " ".join([rng.choice(ADVICE)] + rng.sample(FILLER, rng.randint(0, 3)))

    captures = Capture.objects.bulk_create(
        [
            Capture(
                owner=owner,
                conversation=rng.choice(conversations),
                text=text(),
                kind=rng.choice(["advice", "advice", "insight", "resource"]),
            )
            for _ in range(items * 6 // 10)
        ],
        batch_size=2000,
    )
    Question.objects.bulk_create(
        [
            Question(
                owner=owner,
                conversation=rng.choice(conversations),
                text="What surprised you?",
                answer=text(),
            )
            for _ in range(items * 2 // 10)
        ],
        batch_size=2000,
    )
    Note.objects.bulk_create(
        [
            Note(owner=owner, person=c.person, conversation=c, body=text())
            for c in (rng.choice(conversations) for _ in range(items * 2 // 10))
        ],
        batch_size=2000,
    )
    options = [
        services.add_option(
            owner=owner, title=f"Option {i}", status="focus", organization_ids=[orgs[i].pk]
        )
        for i in range(3)
    ]
    people_of = dict(Conversation.objects.filter(owner=owner).values_list("pk", "person_id"))
    Evidence.objects.bulk_create(
        [
            Evidence(
                owner=owner,
                capture=c,
                tag=rng.choice(["fit+", "fit-", "gap", "lead"]),
                option=rng.choice(options),
                person_id=people_of[c.conversation_id],
                conversation_id=c.conversation_id,
                said_at=now,
            )
            for c in rng.sample(captures, len(captures) // 10)
        ],
        batch_size=2000,
    )
    for i in range(10):
        obstacle = obstacles.add_obstacle(owner=owner, title=f"Obstacle {i}")
        obstacles.add_action(obstacle=obstacle, text=f"Next step {i}")
    refs = Evidence.objects.filter(owner=owner).values_list("pk", flat=True)[:50]
    services.save_strategy(
        owner=owner,
        body="# Plan\n\n"
        + "\n".join(f"- Claim {i} [[evidence:{pk}]]" for i, pk in enumerate(refs)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from coffeechat.accounts.models import User
    from coffeechat.conversations.models import Conversation
    from coffeechat.prep import services as prep
    from coffeechat.strategy import themes
    from coffeechat.strategy.models import Mention, Option, Theme

    User.objects.filter(email="bench-strategy@example.org").delete()
    owner = User.objects.create_user("bench-strategy@example.org", "bench-password-1")
    start = time.perf_counter()
    seed(owner, args.people, args.items, random.Random(2026))
    print(f"seeded {args.people} people, {args.items} items in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    themes.catch_up(owner)
    print(
        f"first read into themes (worker): {time.perf_counter() - start:.1f} s, "
        f"{Mention.objects.filter(owner=owner).count()} mentions, "
        f"{Theme.objects.filter(owner=owner, status='confirmed').count()} themes"
    )
    start = time.perf_counter()
    themes.recount(owner)
    print(f"counting themes again: {(time.perf_counter() - start) * 1000:.0f} ms")

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(owner)
    option = Option.objects.filter(owner=owner).first()
    pages = [
        "/",
        "/strategy/",
        "/strategy/themes/",
        "/strategy/evidence/",
        "/strategy/evidence/?tag=untagged",
        "/strategy/evidence/?q=SQL",
        "/strategy/options/",
        f"/strategy/options/{option.pk}/",
        "/strategy/obstacles/",
    ]
    print(f"{'page':<36}{'median ms':>10}{'queries':>9}")
    for path in pages:
        median, count = timed(client, path, args.runs, ok=(200, 302))
        label = path + ("  (trivial: a redirect)" if path == "/" else "")
        print(f"{label:<36}{median:>10.1f}{count:>9}")

    conversation = Conversation.objects.filter(owner=owner).first()
    prep.add_capture(conversation=conversation, kind="advice", text="Learn dbt after SQL")
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        client.get("/strategy/")
    print(
        f"{'/strategy/ after one new capture':<36}"
        f"{(time.perf_counter() - start) * 1000:>10.1f}{len(queries):>9}"
    )


if __name__ == "__main__":
    main()
