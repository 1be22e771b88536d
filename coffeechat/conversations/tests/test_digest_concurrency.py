"""Several schedulers at once, as real OS processes on the real database (security.md D4).

Each worker is `manage.py run_scheduler --once` in its own process, pointed by DATABASE_URL at
the database this test wrote (pytest-django's test database, SQLite file or PostgreSQL), and
by EMAIL_HOST at an aiosmtpd sink on loopback. The sink is slow on purpose, so the workers'
runs overlap; the test checks that they did.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from coffeechat.conversations.models import Digest, Reminder
from coffeechat.lib.testing.databases import database_url
from coffeechat.lib.testing.people import (
    make_conversation,
    make_due_reminder,
    make_user,
)
from coffeechat.lib.testing.servers import SmtpSink, free_port

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.system]

WORKERS = 4
USERS = 20
REMINDERS_PER_USER = 3


class SlowSink(SmtpSink):
    """Takes a while over each message and remembers how many were in flight at once."""

    def __init__(self, delay: float) -> None:
        super().__init__()
        self.delay = delay
        self.in_flight = 0
        self.most_in_flight = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
            return await super().handle_DATA(server, session, envelope)
        finally:
            self.in_flight -= 1


@pytest.fixture
def slow_smtp():
    from aiosmtpd.controller import Controller

    sink = SlowSink(delay=0.15)
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


def test_it_sends_each_user_one_digest_however_many_schedulers_run_at_once(
    slow_smtp, tmp_path
) -> None:
    sink, port = slow_smtp
    now = timezone.now()
    titles: dict[str, str] = {}  # reminder title -> owner's email
    for n in range(USERS):
        owner = make_user(time_zone="America/New_York")
        conversation = make_conversation(owner, now=now - timedelta(days=5))
        for i in range(REMINDERS_PER_USER):
            title = f"Reminder {i} of user #{n:02d}"
            make_due_reminder(
                owner,
                conversation=conversation,
                title=title,
                due_at=now - timedelta(minutes=5 * (i + 1) + n),
            )
            titles[title] = owner.email
    # Someone with digests off, and a reminder not yet due: neither may be mailed.
    quiet = make_user(digest_enabled=False)
    make_due_reminder(quiet, title="Quiet user's reminder", due_at=now - timedelta(hours=1))
    future = make_due_reminder(make_user(), title="Not yet", due_at=now + timedelta(days=1))

    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("EMAIL_", "DATABASE_", "PYTEST_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url(),
        COFFEECHAT_DATA_DIR=str(tmp_path),
        SECRET_KEY="concurrency-test-not-secret",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_USE_TLS="false",
        LOG_LEVEL="WARNING",
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "run_scheduler", "--once"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(WORKERS)
    ]
    outputs = []
    try:
        for worker in workers:
            outputs.append(worker.communicate(timeout=60))
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()

    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
        assert "Traceback" not in err, err
    assert sink.most_in_flight >= 2, "the workers never overlapped: the test proved nothing"

    # Exactly one digest per user, to that user alone.
    messages = sink.messages
    recipients = Counter(rcpt for _, rcpts in sink.envelopes for rcpt in rcpts)
    assert recipients == Counter({email: 1 for email in set(titles.values())})
    assert len(messages) == USERS
    assert len({m["Message-ID"] for m in messages}) == USERS

    # Every reminder in exactly one digest, and that digest went to its owner.
    seen: Counter[str] = Counter()
    for message in messages:
        text = message.get_body(("plain",)).get_content()
        (to,) = [address.addr_spec for address in message["To"].addresses]
        for title, owner_email in titles.items():
            if title in text:
                seen[title] += 1
                assert owner_email == to
    assert seen == Counter(dict.fromkeys(titles, 1))

    digests = Digest.objects.all()
    assert digests.count() == USERS
    assert not digests.filter(sent_at=None).exists()
    assert {d.message_id for d in digests} == {m["Message-ID"] for m in messages}
    claimed = Reminder.objects.exclude(digest=None)
    assert claimed.count() == USERS * REMINDERS_PER_USER
    assert not claimed.exclude(digest__owner=F("owner")).exists()
    assert not Reminder.objects.filter(owner=quiet).exclude(digest=None).exists()
    future.refresh_from_db()
    assert future.digest_id is None
