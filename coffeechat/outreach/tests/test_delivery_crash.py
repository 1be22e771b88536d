"""Outreach delivery under real worker processes, and a worker killed mid-send (security.md
D3, D4), on the test database (SQLite file or PostgreSQL).

Messages are queued through the real service, so their tasks land in django-tasks-db's table on
commit; `manage.py db_worker --batch` processes run them, and `manage.py run_scheduler --once`
processes recover what a dead worker left. Mail goes to an aiosmtpd sink on loopback.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from coffeechat.conversations.models import Activity
from coffeechat.lib.testing.databases import database_url
from coffeechat.lib.testing.people import make_user
from coffeechat.lib.testing.servers import SmtpSink, free_port
from coffeechat.outreach import delivery, tasks
from coffeechat.outreach.models import Message
from coffeechat.outreach.tests.sending import make_message

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.system]

USERS = 6
MESSAGES_PER_USER = 10
MESSAGES = USERS * MESSAGES_PER_USER
KILL_AT = 20  # the worker sending the 20th message dies with it on the server


class SlowSink(SmtpSink):
    """Keeps each message a moment before answering 250, and can kill its sender meanwhile.

    The message is stored before the answer: that is the server having accepted it while the
    client never hears so, the one window in which a resend is unavoidable.
    """

    def __init__(self, delay: float) -> None:
        super().__init__()
        self.delay = delay
        self.in_flight = 0
        self.most_in_flight = 0
        self.victims: dict[int, subprocess.Popen] = {}  # pid -> worker that may be killed
        self.killed: tuple[int, str] | None = None  # (pid, Message-ID it was sending)

    async def handle_DATA(self, server, session, envelope) -> str:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            reply = await super().handle_DATA(server, session, envelope)
            if len(self.raw) == KILL_AT and self.victims:
                self._kill_sender(session.peer[1])
            await asyncio.sleep(self.delay)
            return reply
        finally:
            self.in_flight -= 1

    def _kill_sender(self, client_port: int) -> None:
        pid = pid_of_client(client_port, list(self.victims))
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            self.killed = (pid, self.messages[-1]["Message-ID"])


def pid_of_client(port: int, pids: list[int]) -> int | None:
    """Which of `pids` owns the loopback TCP socket whose local port is `port` (Linux /proc)."""
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].rsplit(":", 1)[1], 16) == port:
            inode = fields[9]
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) == f"socket:[{inode}]":
                    return pid
            except OSError:
                continue
    return None


@pytest.fixture
def slow_smtp():
    from aiosmtpd.controller import Controller

    sink = SlowSink(delay=0.05)
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


@pytest.fixture
def worker_env(slow_smtp, tmp_path) -> dict[str, str]:
    _, port = slow_smtp
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("EMAIL_", "DATABASE_", "PYTEST_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url(),
        COFFEECHAT_DATA_DIR=str(tmp_path),
        SECRET_KEY=settings.SECRET_KEY,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_USE_TLS="false",
        LOG_LEVEL="WARNING",
    )
    return env


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *command],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# --skip-checks: the system checks would import every view in each process, for nothing here.
DB_WORKER = [
    "db_worker",
    "--batch",
    "--no-startup-delay",
    "--no-reload",
    "--interval",
    "0",
    "--verbosity",
    "0",
    "--skip-checks",
]
SCHEDULER = ["run_scheduler", "--once", "--skip-checks"]


def finish(workers: list[subprocess.Popen], killed: int | None = None) -> None:
    """Wait for the workers; each one that wasn't killed must end cleanly."""
    try:
        outputs = [worker.communicate(timeout=60) for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        if worker.pid == killed:
            assert worker.returncode == -signal.SIGKILL
            continue
        assert worker.returncode == 0, err
        assert "Traceback" not in err, err


def queue_messages() -> dict[str, str]:
    """Queue MESSAGES emails through the real service; return recipient by Message-ID."""
    expected = {}
    for n in range(USERS):
        owner = make_user()
        # Confirmed, as the server's mailer requires (outreach/mailer.server_mail_refusal).
        EmailAddress.objects.create(user=owner, email=owner.email, verified=True)
        for i in range(MESSAGES_PER_USER):
            message = make_message(
                owner, to_email=f"person{n}-{i}@example.com", subject=f"Message {i} of user {n}"
            )
            message = delivery.queue_message(message=message)  # commits: the task is enqueued
            expected[message.message_id] = message.to_email
    return expected


def received(sink: SmtpSink) -> Counter[str]:
    return Counter(message["Message-ID"] for message in sink.messages)


def assert_each_went_to_its_recipient(sink: SmtpSink, expected: dict[str, str]) -> None:
    for message, (_sender, recipients) in zip(sink.messages, sink.envelopes, strict=True):
        assert recipients == [expected[message["Message-ID"]]]
        assert message["To"] == expected[message["Message-ID"]]


def test_several_workers_at_once_send_each_message_exactly_once(slow_smtp, worker_env) -> None:
    sink, _ = slow_smtp
    expected = queue_messages()
    for message_id in Message.objects.values_list("pk", flat=True):
        tasks.deliver.enqueue(message_id=message_id)  # the same job enqueued twice (T-D4)

    finish([start(DB_WORKER, worker_env) for _ in range(3)] + [start(SCHEDULER, worker_env)])

    assert sink.most_in_flight >= 2, "the workers never overlapped: the test proved nothing"
    assert received(sink) == Counter(dict.fromkeys(expected, 1))
    assert_each_went_to_its_recipient(sink, expected)
    assert not Message.objects.exclude(status=Message.Status.SENT).exists()
    assert Activity.objects.filter(action="outreach.email_sent").count() == MESSAGES


def test_a_worker_killed_mid_send_loses_nothing_and_resends_once_with_the_same_message_id(
    slow_smtp, worker_env
) -> None:
    sink, _ = slow_smtp
    expected = queue_messages()

    workers = [start(DB_WORKER, worker_env) for _ in range(3)]
    sink.victims = {worker.pid: worker for worker in workers}
    finish(workers, killed=_wait_for_kill(sink))
    _, in_flight = sink.killed
    # The others finished the batch; the message in flight is stranded under the dead lease.
    stranded = Message.objects.get(message_id=in_flight)
    assert (stranded.status, stranded.lease_until is not None) == (Message.Status.QUEUED, True)

    # The lease runs out (moved back instead of waiting SEND_LEASE), and workers start again:
    # the schedulers pick up what the dead worker held.
    Message.objects.filter(status=Message.Status.QUEUED).exclude(lease_until=None).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )
    finish([start(SCHEDULER, worker_env) for _ in range(2)] + [start(DB_WORKER, worker_env)])

    counts = received(sink)
    assert set(counts) == set(expected)  # nothing lost
    assert {mid: n for mid, n in counts.items() if n > 1} == {in_flight: 2}  # one resend
    first, again = [m for m in sink.messages if m["Message-ID"] == in_flight]
    assert (again["Subject"], again["To"]) == (first["Subject"], first["To"])
    assert_each_went_to_its_recipient(sink, expected)
    assert not Message.objects.exclude(status=Message.Status.SENT).exists()
    assert Message.objects.get(message_id=in_flight).attempts == 2
    assert Activity.objects.filter(action="outreach.email_sent").count() == MESSAGES


def _wait_for_kill(sink: SlowSink) -> int:
    deadline = time.monotonic() + 30
    while sink.killed is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sink.killed is not None, "no worker was killed: the sink never saw message 20"
    return sink.killed[0]
