"""Sending outreach email: queue once, deliver once to a real SMTP server, retry, give up."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.exceptions import ValidationError
from django.utils import timezone

from coffeechat.conversations.models import Activity
from coffeechat.lib import crypto
from coffeechat.lib.testing.servers import SmtpSink, free_port
from coffeechat.outreach import delivery, mailer, queries
from coffeechat.outreach.models import Message, MessageKind
from coffeechat.outreach.tests.sending import closed_port, make_message, smtp_with_auth
from coffeechat.scheduler.jobs import DUE_JOBS

Status = Message.Status


@pytest.fixture(autouse=True)
def immediate_tasks(settings) -> None:
    # Tasks run in the request's process, right after commit; test_delivery_crash.py runs the
    # real db_worker.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def queue(message: Message, capture, now=None) -> Message:
    """Queue like the composer does, running the on-commit task (delivery) as a commit would."""
    with capture(execute=True):
        return delivery.queue_message(message=message, now=now)


def mailers_down(settings) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 5},
        }
    }


# Queueing ---------------------------------------------------------------------------------------


def test_it_sends_a_queued_message_once_to_its_one_recipient(
    alice, smtp_server, django_capture_on_commit_callbacks
):
    message = make_message(
        alice,
        to_email="grace@example.com",
        subject="Compilers, 20 minutes?",
        body="Hello Grace,\n\nWould you have 20 minutes?\n",
    )

    queue(message, django_capture_on_commit_callbacks)

    message.refresh_from_db()
    assert message.status == Status.SENT
    assert message.sent_at is not None and message.attempts == 1
    (received,) = smtp_server.messages
    assert received["Message-ID"] == message.message_id
    assert received["Subject"] == "Compilers, 20 minutes?"
    assert received["To"] == "grace@example.com"
    assert received["From"] == "Alice <coffeechat@localhost>"
    assert received["Reply-To"] == "Alice <alice@example.org>"
    assert received["In-Reply-To"] is None and received["Cc"] is None
    assert received.get_content().replace("\r\n", "\n") == (
        "Hello Grace,\n\nWould you have 20 minutes?\n"
    )
    assert smtp_server.envelopes == [("coffeechat@localhost", ["grace@example.com"])]


def test_it_logs_the_sent_email_on_the_persons_timeline(
    alice, smtp_server, django_capture_on_commit_callbacks
):
    message = make_message(alice, subject="Compilers, 20 minutes?")

    queue(message, django_capture_on_commit_callbacks)

    activity = Activity.objects.get(action="outreach.email_sent")
    assert activity.summary == "Email sent: Compilers, 20 minutes?"
    assert activity.person == message.conversation.person
    assert activity.conversation == message.conversation
    assert activity.data == {"message_id": message.pk}


def test_it_fixes_the_message_id_and_times_when_queueing(
    alice, settings, django_capture_on_commit_callbacks
):
    settings.DEFAULT_FROM_EMAIL = "coffeechat <hello@coffeechat.example>"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    message = make_message(alice)
    now = timezone.now()

    queue(message, django_capture_on_commit_callbacks, now=now)

    assert message.status == Status.QUEUED
    assert message.queued_at == message.next_attempt_at == now
    assert message.message_id.startswith("<") and message.message_id.endswith(
        "@coffeechat.example>"
    )


def test_a_double_clicked_send_queues_and_sends_once(
    alice, smtp_server, django_capture_on_commit_callbacks
):
    message = make_message(alice)
    stale_copy = Message.objects.get(pk=message.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = delivery.queue_message(message=message)
        second = delivery.queue_message(message=stale_copy)

    assert len(callbacks) == 1
    assert first.message_id == second.message_id
    assert len(smtp_server.messages) == 1
    assert Message.objects.get(pk=message.pk).status == Status.SENT


def test_queueing_a_sent_message_again_does_nothing(
    alice, smtp_server, django_capture_on_commit_callbacks
):
    message = queue(make_message(alice), django_capture_on_commit_callbacks)

    again = queue(message, django_capture_on_commit_callbacks)

    assert again.status == Status.SENT
    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize("kind", [MessageKind.LINKEDIN_NOTE, MessageKind.LINKEDIN_MESSAGE])
def test_it_refuses_to_email_a_linkedin_message(alice, kind: str) -> None:
    message = make_message(alice, kind=kind)

    with pytest.raises(ValidationError):
        delivery.queue_message(message=message)
    assert Message.objects.get(pk=message.pk).status == Status.DRAFT


@pytest.mark.parametrize(
    "to_email",
    ["", "grace@example.com, eve@example.com", "grace@example.com\r\nBcc: eve@example.com"],
)
def test_it_refuses_to_queue_without_one_valid_recipient(alice, to_email: str) -> None:
    message = make_message(alice)
    message.to_email = to_email  # what a buggy caller could hand over, unvalidated

    with pytest.raises(ValidationError):
        delivery.queue_message(message=message)
    assert Message.objects.get(pk=message.pk).status == Status.DRAFT


# Headers ----------------------------------------------------------------------------------------


def test_it_threads_the_follow_up_under_the_first_request(
    alice, smtp_server, django_capture_on_commit_callbacks
):
    request = queue(make_message(alice, subject="Compilers?"), django_capture_on_commit_callbacks)
    follow_up = make_message(
        alice,
        kind=MessageKind.FOLLOW_UP,
        subject="Re: Compilers?",
        conversation=request.conversation,
    )

    queue(follow_up, django_capture_on_commit_callbacks)

    first, second = smtp_server.messages
    assert second["Message-ID"] == follow_up.message_id != request.message_id
    assert second["In-Reply-To"] == request.message_id
    assert second["References"] == request.message_id


def test_it_threads_a_reply_under_the_message_it_answers(
    alice, smtp_server, django_capture_on_commit_callbacks
):
    request = queue(make_message(alice), django_capture_on_commit_callbacks)
    accept = make_message(
        alice, kind=MessageKind.ACCEPT, conversation=request.conversation, in_reply_to=request
    )

    queue(accept, django_capture_on_commit_callbacks)

    assert smtp_server.messages[1]["In-Reply-To"] == request.message_id


@pytest.mark.parametrize(
    "evil",
    [
        "\r\nBcc: eve@example.com",
        "\nBcc: eve@example.com",
        "\rBcc: eve@example.com",
        "\u2028Bcc: eve@example.com",
        '", eve@example.com, "',
        " <eve@example.com>",
    ],
)
def test_it_keeps_injected_headers_and_recipients_out(
    alice, smtp_server, evil: str, django_capture_on_commit_callbacks
):
    # (Without the "@": a name carrying an address is refused outright, see
    # test_server_mailer.py; line breaks must still not make headers.)
    alice.display_name = f"Alice{evil}".replace("@", " at ")
    alice.save()
    message = make_message(alice, to_email="grace@example.com", subject=f"Hello{evil}")

    queue(message, django_capture_on_commit_callbacks)

    (received,) = smtp_server.messages
    assert smtp_server.envelopes[0][1] == ["grace@example.com"]
    assert received["Bcc"] is None and received["Cc"] is None
    assert [a.addr_spec for a in received["To"].addresses] == ["grace@example.com"]
    assert [a.addr_spec for a in received["From"].addresses] == ["coffeechat@localhost"]
    assert [a.addr_spec for a in received["Reply-To"].addresses] == ["alice@example.org"]
    assert "\n" not in received["Subject"] and "\r" not in received["Subject"]


# The user's own SMTP server ---------------------------------------------------------------------


def test_it_sends_through_the_users_own_smtp_server_when_turned_on(
    alice, smtp_server, django_capture_on_commit_callbacks
):
    settings = queries.settings_for(alice)
    with smtp_with_auth("alice", "s3cret") as (own_sink, port):
        settings.smtp_enabled = True
        settings.smtp_host, settings.smtp_port = "127.0.0.1", port
        settings.smtp_security = settings.Security.NONE
        settings.smtp_username, settings.smtp_password = "alice", crypto.encrypt("s3cret")
        settings.from_email = "alice@her-own-domain.example"
        settings.save()

        queue(make_message(alice), django_capture_on_commit_callbacks)

    assert smtp_server.messages == []
    (received,) = own_sink.messages
    assert received["From"] == "Alice <alice@her-own-domain.example>"
    assert received["Reply-To"] == "Alice <alice@her-own-domain.example>"
    assert own_sink.envelopes == [("alice@her-own-domain.example", ["grace@example.com"])]


def test_it_fails_at_once_when_the_users_smtp_refuses_the_password(
    alice, django_capture_on_commit_callbacks
):
    settings = queries.settings_for(alice)
    with smtp_with_auth("alice", "s3cret") as (own_sink, port):
        settings.smtp_enabled, settings.smtp_host, settings.smtp_port = True, "127.0.0.1", port
        settings.smtp_security = settings.Security.NONE
        settings.smtp_username, settings.smtp_password = "alice", crypto.encrypt("wrong")
        settings.save()

        message = queue(make_message(alice), django_capture_on_commit_callbacks)

    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert message.last_error == f"127.0.0.1:{port} refused the username or password."
    assert own_sink.messages == []


# Failures and retries ---------------------------------------------------------------------------


def test_it_retries_with_backoff_and_the_same_message_id_until_smtp_is_back(
    alice, smtp_server, settings, django_capture_on_commit_callbacks
):
    working_mailers = settings.MAILERS
    mailers_down(settings)
    message = make_message(alice)
    now = timezone.now()

    with time_machine.travel(now, tick=False):
        queue(message, django_capture_on_commit_callbacks, now=now)  # attempt 1, at once
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.QUEUED, 1)
    assert message.next_attempt_at == now + timedelta(minutes=1)
    assert message.lease_until is None
    assert message.last_error.startswith("Couldn't connect to the mail server")

    assert delivery.deliver_due_messages(now + timedelta(seconds=59)) is False  # not yet due
    assert delivery.deliver_due_messages(now + timedelta(minutes=1)) is True  # attempt 2
    message.refresh_from_db()
    assert message.next_attempt_at == now + timedelta(minutes=1 + 2)

    settings.MAILERS = working_mailers
    assert delivery.deliver_due_messages(now + timedelta(minutes=3)) is True  # attempt 3
    assert delivery.deliver_due_messages(now + timedelta(minutes=4)) is False

    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 3, "")
    (received,) = smtp_server.messages
    assert received["Message-ID"] == message.message_id


def test_it_gives_up_after_the_last_attempt_and_says_why(
    alice, settings, django_capture_on_commit_callbacks
):
    mailers_down(settings)
    message = make_message(alice, subject="Compilers?")
    now = timezone.now()
    queue(message, django_capture_on_commit_callbacks, now=now)

    for _ in range(delivery.MAX_ATTEMPTS):
        now += delivery.MAX_BACKOFF
        delivery.deliver_due_messages(now)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, delivery.MAX_ATTEMPTS)
    assert message.last_error.startswith("Couldn't connect to the mail server")
    failed = Activity.objects.get(action="outreach.email_failed")
    assert failed.summary == "Email not sent: Compilers?"
    assert failed.data["reason"] == message.last_error


class RefusingRecipients(SmtpSink):
    async def handle_RCPT(self, server, session, envelope, address, options) -> str:
        return "550 5.1.1 No such user here"


def test_it_fails_at_once_when_the_server_refuses_the_recipient(
    alice, settings, django_capture_on_commit_callbacks
):
    port = free_port()
    controller = Controller(RefusingRecipients(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port},
        }
    }
    try:
        message = queue(
            make_message(alice, to_email="nobody@example.com"), django_capture_on_commit_callbacks
        )
    finally:
        controller.stop()

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 1)
    assert message.last_error == "The mail server refused the recipient nobody@example.com."


def test_a_failed_message_can_be_queued_again_with_its_message_id(
    alice, smtp_server, django_capture_on_commit_callbacks
):
    message = make_message(alice)
    Message.objects.filter(pk=message.pk).update(
        status=Status.FAILED, message_id="<kept@x>", attempts=8, last_error="Refused."
    )

    queue(message, django_capture_on_commit_callbacks)

    message.refresh_from_db()
    assert (message.status, message.attempts, message.message_id) == (Status.SENT, 1, "<kept@x>")
    assert smtp_server.messages[0]["Message-ID"] == "<kept@x>"


def test_backoff_doubles_from_a_minute_up_to_an_hour() -> None:
    assert [delivery.backoff(n) for n in (1, 2, 3, 6, 7, 8, 20)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 32, 60, 60, 60)
    ]


# Concurrency and crashes ------------------------------------------------------------------------


def test_a_second_worker_cannot_claim_a_leased_message(
    alice, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    message = queue(make_message(alice), django_capture_on_commit_callbacks)
    now = timezone.now()
    assert delivery._claim(message.pk, now) is not None  # worker 1 holds the lease

    assert delivery.deliver_message(message.pk, now) is False
    assert delivery.deliver_due_messages(now) is False
    assert smtp_server.messages == []


def test_a_message_left_leased_by_a_killed_worker_goes_out_when_the_lease_ends(
    alice, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    message = queue(make_message(alice), django_capture_on_commit_callbacks)
    now = timezone.now()
    delivery._claim(message.pk, now)  # ... and the worker dies here

    assert delivery.deliver_due_messages(now + delivery.SEND_LEASE - timedelta(seconds=1)) is False
    assert delivery.deliver_due_messages(now + delivery.SEND_LEASE + timedelta(seconds=1))

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 2)
    assert smtp_server.messages[0]["Message-ID"] == message.message_id


def test_it_stops_a_message_that_kills_every_worker(
    alice, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    message = queue(make_message(alice), django_capture_on_commit_callbacks)
    now = timezone.now()
    for _ in range(delivery.MAX_ATTEMPTS):
        now += delivery.SEND_LEASE + timedelta(seconds=1)
        delivery._claim(message.pk, now)  # each worker dies mid-send

    delivery.deliver_due_messages(now + delivery.SEND_LEASE + timedelta(seconds=1))

    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert message.last_error == f"Delivery was interrupted {delivery.MAX_ATTEMPTS} times."
    assert smtp_server.messages == []


def test_it_never_raises_out_of_the_worker(
    alice, smtp_server, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(outreach_settings):
        raise RuntimeError("a bug")

    monkeypatch.setattr(mailer, "connection_for", broken)
    message = queue(make_message(alice), django_capture_on_commit_callbacks)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.QUEUED, 1)
    assert message.last_error == "Couldn't talk to the mail server."
    assert delivery.deliver_message(987_654_321) is False


def test_the_scheduler_runs_the_delivery_job() -> None:
    assert delivery.deliver_due_messages in DUE_JOBS
