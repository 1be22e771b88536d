"""Two Sends of one composer page at once (a double click, two tabs): one email, once.

Real concurrent requests: two threads, each with its own test client and its own database
connection, released together by a barrier, on SQLite (IMMEDIATE transactions) and PostgreSQL.
Delivery runs right after commit (the immediate task backend) into a real aiosmtpd server.
"""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from coffeechat.conversations.models import Activity, Stage
from coffeechat.outreach import queries
from coffeechat.outreach.models import Message, MessageKind
from coffeechat.outreach.tests.factories import (
    GOOD_BODY,
    GOOD_SUBJECT,
    make_conversation,
    make_draft,
    make_recipient,
    profile,
)

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 6


@pytest.fixture(autouse=True)
def immediate_tasks(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def send_twice_at_once(user, conversation, data: dict) -> list[str]:
    """POST the same Send from two clients at the same moment; the pages each one lands on."""
    barrier = threading.Barrier(2)
    pages: list[str] = []
    url = reverse("outreach:send", args=[conversation.pk])

    def click() -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=10)
            pages.append(client.post(url, data, follow=True).content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return pages


@pytest.mark.parametrize("with_saved_draft", [False, True])
def test_a_double_submitted_send_delivers_one_email_and_moves_the_conversation_once(
    alice, smtp_server, with_saved_draft: bool
) -> None:
    profile(alice)
    queries.settings_for(alice).__class__.objects.filter(owner=alice).update(
        daily_request_budget=ROUNDS
    )
    for n in range(ROUNDS):
        person = make_recipient(alice, full_name=f"Dana Okafor {n}", email=f"dana{n}@example.com")
        conversation = make_conversation(alice, person=person)
        key = uuid.uuid4()
        if with_saved_draft:
            key = make_draft(conversation, to_email=person.email).idempotency_key
        data = {
            "kind": MessageKind.REQUEST,
            "to_email": person.email,
            "key": str(key),
            "subject": GOOD_SUBJECT,
            "body": GOOD_BODY,
        }

        pages = send_twice_at_once(alice, conversation, data)

        assert len(pages) == 2
        delivered = [m for m in smtp_server.messages if m["To"] == person.email]
        assert len(delivered) == 1, f"round {n}: {len(delivered)} emails"
        (message,) = Message.objects.filter(conversation=conversation)
        assert message.status == Message.Status.SENT
        conversation.refresh_from_db()
        assert conversation.stage == Stage.CONTACTED
        moves = Activity.objects.filter(
            conversation=conversation, action="conversation.stage_changed"
        )
        assert moves.count() == 1
        # "On its way" is said once; the other click is told it went out once.
        assert sum("Request on its way" in page for page in pages) == 1
        assert sum("it went out once" in page for page in pages) == 1
