"""This app's steps in the first-run checklist on Today (coffeechat.accounts.firstrun).

Registered from ProfileConfig.ready(): profile sits above network and conversations, so it can
count people and first requests; each step costs at most one query.
"""

from __future__ import annotations

from coffeechat.accounts import firstrun
from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.network.models import Person
from coffeechat.profile import queries

NETWORK_GOAL = 10  # people: enough to start asking, quick to reach by import, cards or hand


def network_progress(user: User) -> tuple[int, int]:
    # Counting a capped slice keeps the query as cheap with 30,000 people as with 10.
    # order_by(): without it the count sorts every person by name before taking ten.
    return (
        Person.objects.filter(owner=user).order_by().values("pk")[:NETWORK_GOAL].count(),
        NETWORK_GOAL,
    )


def first_request_progress(user: User) -> tuple[int, int]:
    # contacted_at is set when a request goes out (sent here, or sent elsewhere and recorded).
    asked = Conversation.objects.filter(owner=user, contacted_at__isnull=False).exists()
    return int(asked), 1


def register() -> None:
    firstrun.register(
        firstrun.Step(
            key="you",
            order=10,
            title="Tell coffeechat about you",
            url_name="profile:you",
            progress=queries.profile_progress,
            why="Your name, the field you're exploring and the decision ahead: they fill your "
            "messages and keep you pointed.",
        )
    )
    firstrun.register(
        firstrun.Step(
            key="network",
            order=20,
            title="Bring your network in",
            url_name="imports:new",
            progress=network_progress,
            why=f"Import your LinkedIn connections, scan cards or add people: {NETWORK_GOAL} to "
            "start with.",
        )
    )
    firstrun.register(
        firstrun.Step(
            key="first-request",
            order=50,
            title="Ask your first person",
            url_name="network:people",
            progress=first_request_progress,
            why="A short request for 20 minutes of advice, to someone you have a connection with.",
        )
    )
