"""The reminder digest over a real SMTP server on loopback (security.md D3, D4 and decision 2)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from coffeechat.conversations import digests, reminders, services
from coffeechat.conversations.models import Digest, Reminder, Stage
from coffeechat.lib.testing.people import (
    make_conversation,
    make_due_reminder,
    make_user,
)
from coffeechat.lib.testing.servers import free_port
from coffeechat.network.models import Person

# Thursday 15 January 2026, 14:30 UTC (09:30 in New York).
NOW = datetime(2026, 1, 15, 14, 30, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def drain(now: datetime, limit: int = 50) -> int:
    """Run the digest job until it finds nothing, like `run_scheduler --once`."""
    for runs in range(limit):
        if not digests.send_next_digest(now=now):
            return runs
    raise AssertionError("the digest job never ran out of work")


def closed_port() -> int:
    return free_port()  # nothing listens there once free_port has closed its socket


@pytest.fixture
def smtp_down(settings, smtp_server):
    """Point the mailer at a closed port; call the result to bring the real server back."""
    working = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "use_tls": False, "timeout": 5},
        }
    }

    def back_up() -> None:
        settings.MAILERS = working

    return back_up


def to_addresses(message) -> list[str]:
    return [address.addr_spec for address in message["To"].addresses]


# One batch, once -----------------------------------------------------------------------------


def test_it_emails_the_due_batch_once_and_never_again(alice, smtp_server, frozen) -> None:
    conversation = make_conversation(alice, now=NOW)
    due = [
        make_due_reminder(
            alice,
            conversation=conversation,
            title=f"Due thing {i}",
            due_at=NOW - timedelta(hours=i),
        )
        for i in range(3)
    ]
    later = make_due_reminder(
        alice, conversation=conversation, title="Tomorrow thing", due_at=NOW + timedelta(days=1)
    )

    assert drain(NOW) == 1

    (message,) = smtp_server.messages
    assert to_addresses(message) == ["alice@example.org"]
    assert message["Subject"] == "3 things to do today"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for reminder in due:
        assert reminder.title in text and reminder.title in html
    assert "Tomorrow thing" not in text
    digest = Digest.objects.get()
    assert message["Message-ID"] == digest.message_id
    assert digest.owner_id == alice.pk
    assert digest.sent_at == NOW
    assert digest.attempts == 1
    assert set(digest.reminders.values_list("pk", flat=True)) == {r.pk for r in due}
    later.refresh_from_db()
    assert later.digest_id is None

    # The same moment again, a minute later, a day before the future one falls due: nothing.
    assert drain(NOW) == 0
    assert drain(NOW + timedelta(minutes=10)) == 0
    frozen.move_to(NOW + timedelta(hours=23))
    assert drain(NOW + timedelta(hours=23)) == 0
    assert len(smtp_server.raw) == 1


def test_it_sends_a_reminder_that_falls_due_later_in_its_own_digest(
    alice, smtp_server, frozen
) -> None:
    conversation = make_conversation(alice, now=NOW)
    make_due_reminder(alice, conversation=conversation, title="Now", due_at=NOW)
    make_due_reminder(
        alice, conversation=conversation, title="Tomorrow", due_at=NOW + timedelta(days=1)
    )
    drain(NOW)
    tomorrow = NOW + timedelta(days=1, minutes=1)
    frozen.move_to(tomorrow)

    assert drain(tomorrow) == 1

    first, second = smtp_server.messages
    assert first["Subject"] == "1 thing to do today: Now"
    assert second["Subject"] == "1 thing to do today: Tomorrow"
    assert first["Message-ID"] != second["Message-ID"]


def test_it_sends_each_user_only_their_own_reminders(alice, mallory, smtp_server) -> None:
    make_due_reminder(alice, title="Alice secret plan", due_at=NOW - timedelta(hours=1))
    make_due_reminder(mallory, title="Mallory errand", due_at=NOW - timedelta(hours=2))

    assert drain(NOW) == 2

    by_recipient = {
        to_addresses(m)[0]: m.get_body(("plain",)).get_content() for m in smtp_server.messages
    }
    assert set(by_recipient) == {"alice@example.org", "mallory@example.org"}
    assert "Alice secret plan" not in by_recipient["mallory@example.org"]
    assert "Mallory errand" not in by_recipient["alice@example.org"]
    assert sorted(rcpts for _, rcpts in smtp_server.envelopes) == [
        ["alice@example.org"],
        ["mallory@example.org"],
    ]


def test_it_sends_the_method_reminders_once_they_fall_due(alice, smtp_server, frozen) -> None:
    conversation = make_conversation(alice, now=NOW)
    services.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=NOW)
    assert drain(NOW) == 0
    three_b = datetime(2026, 1, 21, 14, tzinfo=UTC)  # Fri 16, Tue 20 (after MLK Day), Wed 21
    frozen.move_to(three_b)

    assert drain(three_b) == 1

    (message,) = smtp_server.messages
    assert message["Subject"].startswith("1 thing to do today: No reply from Grace Hopper")


def test_it_shows_due_times_on_the_users_own_clock(alice, smtp_server) -> None:
    # Due 09:00 in New York is 14:00 UTC; the scheduler runs in UTC.
    make_due_reminder(alice, title="Morning task", due_at=datetime(2026, 1, 15, 14, tzinfo=UTC))

    drain(NOW)

    (message,) = smtp_server.messages
    text = message.get_body(("plain",)).get_content()
    assert "due Thu 15 Jan, 09:00" in text
    assert "14:00" not in text


def test_it_sends_nothing_to_users_who_turned_digests_off(alice, smtp_server) -> None:
    alice.digest_enabled = False
    alice.save()
    reminder = make_due_reminder(alice, due_at=NOW - timedelta(hours=1))

    assert drain(NOW) == 0

    assert smtp_server.raw == []
    assert not Digest.objects.exists()
    reminder.refresh_from_db()
    assert reminder.digest_id is None
    assert reminder.status == Reminder.Status.OPEN  # still on their Today page


def test_it_sends_nothing_to_deactivated_users(smtp_server) -> None:
    gone = make_user(is_active=False)
    make_due_reminder(gone, due_at=NOW - timedelta(hours=1))

    assert drain(NOW) == 0
    assert smtp_server.raw == []


def test_it_leaves_out_reminders_that_were_already_done(alice, smtp_server) -> None:
    conversation = make_conversation(alice, now=NOW)
    done = make_due_reminder(
        alice, conversation=conversation, title="Already done", due_at=NOW - timedelta(hours=1)
    )
    reminders.complete_reminder(reminder=done, now=NOW)
    make_due_reminder(
        alice, conversation=conversation, title="Still to do", due_at=NOW - timedelta(hours=1)
    )

    drain(NOW)

    (message,) = smtp_server.messages
    assert message["Subject"] == "1 thing to do today: Still to do"


def test_it_writes_names_as_typed_in_the_subject_and_plain_text(alice, smtp_server) -> None:
    person = Person.objects.create(owner=alice, full_name="Conan O'Brien")
    conversation = make_conversation(alice, person=person, now=NOW)
    make_due_reminder(
        alice, conversation=conversation, title="Call O'Brien & Co", due_at=NOW - timedelta(hours=1)
    )

    drain(NOW)

    (message,) = smtp_server.messages
    assert message["Subject"] == "1 thing to do today: Call O'Brien & Co"
    assert "Call O'Brien & Co" in message.get_body(("plain",)).get_content()


# SMTP down, then back ------------------------------------------------------------------------


def test_it_survives_smtp_being_down_and_retries_with_the_same_message_id(
    alice, smtp_server, smtp_down, frozen
) -> None:
    make_due_reminder(alice, title="Call Grace", due_at=NOW - timedelta(hours=1))

    assert digests.send_next_digest(now=NOW) is True  # no exception escapes

    digest = Digest.objects.get()
    assert digest.sent_at is None
    assert digest.attempts == 1
    assert digest.last_error
    assert digest.lease_until == NOW + timedelta(minutes=2)  # back off before retrying
    assert drain(NOW + timedelta(minutes=1)) == 0
    assert smtp_server.raw == []

    # Still down at the first retry: the back-off doubles.
    frozen.move_to(NOW + timedelta(minutes=3))
    drain(NOW + timedelta(minutes=3))
    digest.refresh_from_db()
    assert (digest.attempts, digest.sent_at) == (2, None)
    assert digest.lease_until == NOW + timedelta(minutes=3 + 4)

    smtp_down()  # the server is back
    retry = NOW + timedelta(minutes=8)
    frozen.move_to(retry)
    assert drain(retry) == 1

    (message,) = smtp_server.messages
    assert message["Message-ID"] == digest.message_id
    assert message["Subject"] == "1 thing to do today: Call Grace"
    digest.refresh_from_db()
    assert digest.sent_at == retry
    assert digest.attempts == 3
    assert Digest.objects.count() == 1
    assert drain(retry + timedelta(hours=1)) == 0
    assert len(smtp_server.raw) == 1


def test_it_gives_up_on_a_digest_after_the_last_attempt(
    alice, smtp_server, smtp_down, frozen
) -> None:
    make_due_reminder(alice, due_at=NOW - timedelta(hours=1))
    moment = NOW
    for _ in range(digests.DIGEST_MAX_ATTEMPTS + 2):
        drain(moment)
        moment += timedelta(hours=2)
        frozen.move_to(moment)

    digest = Digest.objects.get()
    assert digest.attempts == digests.DIGEST_MAX_ATTEMPTS
    smtp_down()
    assert drain(moment) == 0
    assert smtp_server.raw == []


def test_it_sends_no_empty_digest_when_its_reminders_were_deleted_meanwhile(
    alice, smtp_server, smtp_down, frozen
) -> None:
    reminder = make_due_reminder(alice, due_at=NOW - timedelta(hours=1))
    drain(NOW)  # claimed, not delivered
    reminder.conversation.person.delete()  # takes the conversation and reminder with it
    smtp_down()
    later = NOW + timedelta(hours=1)
    frozen.move_to(later)

    drain(later)

    assert smtp_server.raw == []
    assert not Digest.objects.filter(sent_at=None).exists()


# A worker killed mid-batch (T-D3) ------------------------------------------------------------


class Killed(BaseException):
    """Stands for SIGKILL: nothing in the worker gets to handle it."""


def test_it_resends_a_digest_whose_worker_died_after_claiming_it(
    alice, smtp_server, monkeypatch, frozen
) -> None:
    make_due_reminder(alice, title="Call Grace", due_at=NOW - timedelta(hours=1))

    def die(*args, **kwargs):
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(digests.emails, "send", die)
        with pytest.raises(Killed):
            digests.send_next_digest(now=NOW)

    digest = Digest.objects.get()
    assert digest.sent_at is None
    assert digest.lease_until == NOW + digests.DIGEST_LEASE
    # While the lease holds, other workers leave it alone and claim nothing new.
    assert drain(NOW + timedelta(minutes=4)) == 0
    assert smtp_server.raw == []

    after_lease = NOW + digests.DIGEST_LEASE + timedelta(seconds=1)
    frozen.move_to(after_lease)
    assert drain(after_lease) == 1

    (message,) = smtp_server.messages
    assert message["Message-ID"] == digest.message_id
    assert Digest.objects.count() == 1
    assert drain(after_lease + timedelta(minutes=30)) == 0
    assert len(smtp_server.raw) == 1


def test_it_resends_with_the_same_message_id_when_the_worker_died_after_smtp_accepted(
    alice, smtp_server, monkeypatch, frozen
) -> None:
    # The one unavoidable duplicate (security.md decision 2): it must carry the same Message-ID.
    make_due_reminder(alice, title="Call Grace", due_at=NOW - timedelta(hours=1))
    real_send = digests.emails.send

    def send_then_die(*args, **kwargs):
        real_send(*args, **kwargs)
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(digests.emails, "send", send_then_die)
        with pytest.raises(Killed):
            digests.send_next_digest(now=NOW)

    after_lease = NOW + digests.DIGEST_LEASE + timedelta(seconds=1)
    frozen.move_to(after_lease)
    drain(after_lease)
    drain(after_lease + timedelta(hours=1))

    first, second = smtp_server.messages
    assert first["Message-ID"] == second["Message-ID"] == Digest.objects.get().message_id
    assert first.get_body(("plain",)).get_content() == second.get_body(("plain",)).get_content()


# Header injection ----------------------------------------------------------------------------


def test_it_keeps_a_name_with_line_breaks_out_of_the_headers(alice, smtp_server) -> None:
    # Imported or API-created names are not normalised the way the form does it.
    person = Person.objects.create(
        owner=alice, full_name="Eve\r\nBcc: mallory@example.org\r\nX-Evil: 1"
    )
    conversation = make_conversation(alice, person=person, now=NOW - timedelta(days=2))
    services.move_to_stage(
        conversation=conversation, stage=Stage.REPLIED, now=NOW - timedelta(days=2)
    )  # reply reminder due yesterday

    assert drain(NOW) == 1

    assert smtp_server.envelopes == [("coffeechat@localhost", ["alice@example.org"])]
    (message,) = smtp_server.messages
    assert message["Bcc"] is None
    assert message["X-Evil"] is None
    assert to_addresses(message) == ["alice@example.org"]
    assert "\n" not in message["Subject"] and "\r" not in message["Subject"]
    assert message["Subject"].startswith("1 thing to do today: Answer Eve")
    header_block = smtp_server.raw[0].split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in header_block and b"\nBcc:" not in header_block
    assert b"\nX-Evil:" not in header_block
