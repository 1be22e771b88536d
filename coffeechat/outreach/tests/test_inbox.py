"""Replies detected in the user's mailbox, read from a real Dovecot on loopback (formats.md 6.2).

Mail is appended with imap-tools as real RFC 5322 messages; the poller then reads it the way
it reads anyone's mailbox, and must leave every message exactly as it found it (unseen).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from django.db import connection
from imap_tools import MailBoxUnencrypted

from coffeechat.accounts.models import User
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Activity, Conversation, Stage
from coffeechat.lib import crypto
from coffeechat.network import services as network
from coffeechat.network.models import Person
from coffeechat.outreach import inbox
from coffeechat.outreach.models import Message, MessageKind, OutreachSettings
from coffeechat.scheduler import jobs

# alice's requests went out on Monday 5 October 2026, 11:00 in New York. Columbus Day is
# Monday the 12th, so their 3B date is Thursday the 8th. The poller runs a week later.
SENT = datetime(2026, 10, 5, 15, tzinfo=UTC)
NOW = datetime(2026, 10, 14, 15, tzinfo=UTC)
OUR_REQUEST_ID = "<request-7f3a@coffeechat.test>"
Segment = Person.Segment


def ny_morning(day: int) -> datetime:
    """09:00 in New York (EDT) on that October day: when the method dates a step on it."""
    return datetime(2026, 10, day, 13, tzinfo=UTC)


def mail(
    *, sender: str, subject: str, sent: datetime, to: str = "alice@example.org", **headers: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = f"<{abs(hash((sender, subject, sent)))}@mail.example>"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content("Happy to help. How about Thursday?\n")
    return message


def mailbox_of(dovecot) -> MailBoxUnencrypted:
    """The test mailbox, signed in over IMAP the way a mail client is (use it in `with`)."""
    return MailBoxUnencrypted(dovecot.host, port=dovecot.port).login(
        dovecot.username, dovecot.password
    )


def deliver(dovecot, *messages: EmailMessage) -> None:
    """Put messages in the test mailbox, as if they had arrived when their Date says."""
    with mailbox_of(dovecot) as mailbox:
        for message in messages:
            sent = datetime.strptime(message["Date"], "%a, %d %b %Y %H:%M:%S %z")
            mailbox.append(message.as_bytes(), "INBOX", dt=sent)


def mailbox_flags(dovecot) -> list[tuple[str, tuple[str, ...]]]:
    with mailbox_of(dovecot) as mailbox:
        return [
            (m.subject, m.flags)
            for m in mailbox.fetch(mark_seen=False, headers_only=True, bulk=True)
        ]


@pytest.fixture
def mailbox_settings(alice: User, dovecot) -> OutreachSettings:
    return OutreachSettings.objects.create(
        owner=alice,
        imap_enabled=True,
        imap_host=dovecot.host,
        imap_port=dovecot.port,
        imap_security=OutreachSettings.Security.NONE,
        imap_username=dovecot.username,
        imap_password=crypto.encrypt(dovecot.password),
        imap_folder="INBOX",
    )


def asked(
    owner: User, name: str, email: str, *, message_id: str | None = None, organization: str = "Navy"
) -> Conversation:
    """A request to a new person, sent at SENT (by coffeechat when `message_id` is given)."""
    person = network.add_person(
        owner=owner, full_name=name, organization_name=organization, email=email
    )
    conversation = conversations.start_conversation(owner=owner, person=person, now=SENT)
    conversations.move_to_stage(conversation=conversation, stage=Stage.CONTACTED, now=SENT)
    if message_id:
        Message.objects.create(
            owner=owner,
            conversation=conversation,
            kind=MessageKind.REQUEST,
            status=Message.Status.SENT,
            to_email=email,
            message_id=message_id,
            subject="A question about compilers",
            sent_at=SENT,
        )
    return conversation


def fresh(conversation: Conversation) -> Conversation:
    return Conversation.objects.select_related("person").get(pk=conversation.pk)


def reply_lines(owner: User) -> list[str]:
    return list(
        Activity.objects.filter(owner=owner, action=inbox.REPLY_DETECTED)
        .order_by("pk")
        .values_list("summary", flat=True)
    )


@pytest.fixture
def threads(alice: User, mailbox_settings):
    """alice's requests and her mailbox: replies by thread and by address, and other mail."""
    grace = asked(alice, "Grace Hopper", "grace@navy.example", message_id=OUR_REQUEST_ID)
    ada = asked(alice, "Ada Lovelace", "Ada@Navy.example")  # sent from her own mail client
    kate = asked(
        alice,
        "Katherine Johnson",
        "kate@nasa.example",
        organization="NASA",
        message_id="<request-9c1d@coffeechat.test>",
    )
    conversations.move_to_stage(conversation=kate, stage=Stage.REPLIED, now=SENT + timedelta(1))
    return {"grace": grace, "ada": ada, "kate": kate}


@pytest.fixture
def graces_reply(dovecot, threads) -> None:
    """Grace's answer in the thread of alice's request, in the mailbox."""
    deliver(
        dovecot,
        mail(
            sender="grace@navy.example",
            subject="Re: compilers",
            sent=datetime(2026, 10, 7, 18, tzinfo=UTC),
            In_Reply_To=OUR_REQUEST_ID,
        ),
    )


def test_it_detects_replies_by_thread_and_by_sender_and_leaves_the_mail_unseen(
    alice, dovecot, mailbox_settings, threads
) -> None:
    deliver(
        dovecot,
        # Grace answers in the thread (another address, so only the headers can match her).
        mail(
            sender="Rear Admiral Hopper <g.hopper@fleet.example>",
            subject="Re: A question about compilers",
            sent=datetime(2026, 10, 7, 18, tzinfo=UTC),
            In_Reply_To=OUR_REQUEST_ID,
            References=OUR_REQUEST_ID,
        ),
        # Ada writes a fresh email, after the 3B date, with no thread headers at all.
        mail(
            sender="Ada Lovelace <ada@navy.example>",
            subject="Your note",
            sent=datetime(2026, 10, 9, 14, tzinfo=UTC),
        ),
        mail(
            sender="news@letters.example",
            subject="Weekly digest",
            sent=datetime(2026, 10, 9, 16, tzinfo=UTC),
        ),
        # Katherine answers again in a conversation that is already past replied.
        mail(
            sender="kate@nasa.example",
            subject="Re: Re: times",
            sent=datetime(2026, 10, 10, 16, tzinfo=UTC),
            In_Reply_To="<request-9c1d@coffeechat.test>",
        ),
    )

    assert inbox.poll_next_mailbox(now=NOW) is True

    grace, ada, kate = (fresh(threads[k]) for k in ("grace", "ada", "kate"))
    assert (grace.stage, grace.replied_at) == (Stage.REPLIED, ny_morning(7))
    assert (ada.stage, ada.replied_at) == (Stage.REPLIED, ny_morning(9))
    assert (kate.stage, kate.replied_at) == (Stage.REPLIED, SENT + timedelta(1))
    assert (grace.person.segment, ada.person.segment) == (Segment.BOOSTER, Segment.OBLIGATE)
    assert kate.person.segment == Segment.BOOSTER  # from her earlier reply, untouched
    assert reply_lines(alice) == [
        "Reply detected: Re: A question about compilers",
        "Reply detected: Your note",
    ]
    assert "Reply detected: Re: A question about compilers" in [
        a.summary for a in grace.person.activities.all()
    ]
    assert not grace.reminders.filter(kind="try_another", status="open").exists()
    mailbox_settings.refresh_from_db()
    assert (
        mailbox_settings.imap_polled_at,
        mailbox_settings.imap_lease_until,
        mailbox_settings.imap_last_error,
    ) == (NOW, None, "")
    # Nothing in the user's mailbox changed: every message is still unread.
    flags = mailbox_flags(dovecot)
    assert len(flags) == 4
    assert all("\\Seen" not in f for _, f in flags), flags


def test_a_second_poll_changes_nothing_and_reads_only_new_mail(
    alice, dovecot, mailbox_settings, threads, graces_reply, monkeypatch
) -> None:
    inbox.poll_next_mailbox(now=NOW)
    rows = Activity.objects.filter(owner=alice).count()
    seen = []
    real = inbox.record_reply
    monkeypatch.setattr(
        inbox, "record_reply", lambda **kw: seen.append(kw["message"].subject) or real(**kw)
    )

    assert inbox.poll_next_mailbox(now=NOW + inbox.POLL_EVERY) is True
    assert seen == []
    deliver(
        dovecot,
        mail(
            sender="grace@navy.example",
            subject="Re: Re: compilers",
            sent=datetime(2026, 10, 14, 16, tzinfo=UTC),
        ),
    )
    assert inbox.poll_next_mailbox(now=NOW + 2 * inbox.POLL_EVERY) is True

    assert seen == ["Re: Re: compilers"]
    assert Activity.objects.filter(owner=alice).count() == rows
    assert fresh(threads["grace"]).stage == Stage.REPLIED


def test_it_records_an_email_once_even_when_the_folder_is_read_again(
    alice, mailbox_settings, threads, graces_reply
) -> None:
    inbox.poll_next_mailbox(now=NOW)
    # She moves it back (say, it was someone else answering for Grace), then the server
    # renumbers the folder (a new UIDVALIDITY), so everything recent is read again.
    conversations.move_to_stage(
        conversation=fresh(threads["grace"]), stage=Stage.CONTACTED, now=NOW
    )
    cursors = OutreachSettings.objects.get(pk=mailbox_settings.pk).imap_cursors
    cursors["INBOX"]["uidvalidity"] += 1
    OutreachSettings.objects.filter(pk=mailbox_settings.pk).update(imap_cursors=cursors)

    inbox.poll_next_mailbox(now=NOW + inbox.POLL_EVERY)

    assert fresh(threads["grace"]).stage == Stage.CONTACTED
    assert reply_lines(alice) == ["Reply detected: Re: compilers"]


@pytest.mark.parametrize(
    ("sender", "sent", "headers"),
    [
        # An out-of-office answer is not an answer (RFC 3834) ...
        (
            "grace@navy.example",
            datetime(2026, 10, 6, 15, tzinfo=UTC),
            {"In_Reply_To": OUR_REQUEST_ID, "Auto_Submitted": "auto-replied"},
        ),
        (
            "grace@navy.example",
            datetime(2026, 10, 6, 15, tzinfo=UTC),
            {"In_Reply_To": OUR_REQUEST_ID, "X_Autoreply": "yes"},
        ),
        # ... nor is a bounce, nor her own copy in the thread ...
        (
            "MAILER-DAEMON@navy.example",
            datetime(2026, 10, 6, 15, tzinfo=UTC),
            {"In_Reply_To": OUR_REQUEST_ID},
        ),
        (
            "alice@example.org",
            datetime(2026, 10, 6, 15, tzinfo=UTC),
            {"In_Reply_To": OUR_REQUEST_ID},
        ),
        # ... nor an email from the person written before she asked.
        ("grace@navy.example", datetime(2026, 10, 1, 15, tzinfo=UTC), {}),
    ],
)
def test_it_ignores_what_is_not_a_reply(
    sender: str, sent: datetime, headers: dict, alice, dovecot, mailbox_settings, threads
) -> None:
    deliver(dovecot, mail(sender=sender, subject="Re: A question", sent=sent, **headers))

    inbox.poll_next_mailbox(now=NOW)

    assert fresh(threads["grace"]).stage == Stage.CONTACTED
    assert reply_lines(alice) == []


def test_it_never_reads_another_users_threads(
    alice, mallory, dovecot, mailbox_settings, threads
) -> None:
    mallorys = asked(
        mallory, "Grace Hopper", "grace@navy.example", message_id="<mallory-1@coffeechat.test>"
    )
    deliver(
        dovecot,
        mail(
            sender="grace@navy.example",
            subject="Re: hi",
            sent=datetime(2026, 10, 7, 18, tzinfo=UTC),
            In_Reply_To="<mallory-1@coffeechat.test>",
        ),
    )

    inbox.poll_next_mailbox(now=NOW)

    # alice's mailbox: the sender is alice's Grace too, so hers moves; mallory's never does.
    assert fresh(mallorys).stage == Stage.CONTACTED
    assert fresh(threads["grace"]).stage == Stage.REPLIED


# When and whose mailbox -----------------------------------------------------------------------


def test_it_polls_each_mailbox_at_most_every_few_minutes(mailbox_settings) -> None:
    assert inbox.poll_next_mailbox(now=NOW) is True
    assert inbox.poll_next_mailbox(now=NOW + inbox.POLL_EVERY - timedelta(seconds=1)) is False
    assert inbox.poll_next_mailbox(now=NOW + inbox.POLL_EVERY) is True


def test_it_leaves_mailboxes_alone_unless_turned_on(mailbox_settings) -> None:
    OutreachSettings.objects.filter(pk=mailbox_settings.pk).update(imap_enabled=False)

    assert inbox.poll_next_mailbox(now=NOW) is False


def test_it_skips_a_mailbox_another_scheduler_holds(mailbox_settings) -> None:
    OutreachSettings.objects.filter(pk=mailbox_settings.pk).update(
        imap_lease_until=NOW + timedelta(minutes=1)
    )

    assert inbox.poll_next_mailbox(now=NOW) is False
    assert inbox.poll_next_mailbox(now=NOW + timedelta(minutes=2)) is True  # lease ran out


@pytest.mark.django_db(transaction=True)
def test_two_pollers_at_once_poll_the_mailbox_once(mailbox_settings, monkeypatch) -> None:
    inside, release = threading.Event(), threading.Event()
    polled: list[int] = []
    real = inbox.poll_mailbox

    def slow_poll(s, *, now):
        polled.append(s.pk)
        inside.set()
        release.wait(10)
        return real(s, now=now)

    monkeypatch.setattr(inbox, "poll_mailbox", slow_poll)
    results: dict[str, bool] = {}

    def first() -> None:
        try:
            results["first"] = inbox.poll_next_mailbox(now=NOW)
        finally:
            connection.close()

    worker = threading.Thread(target=first)
    worker.start()
    try:
        assert inside.wait(10), "the first poller never started"
        results["second"] = inbox.poll_next_mailbox(now=NOW)  # while the first is inside
    finally:
        release.set()
        worker.join(20)

    assert results == {"first": True, "second": False}
    assert polled == [mailbox_settings.pk]


@pytest.mark.django_db(transaction=True)
def test_pollers_racing_for_one_mailbox_claim_it_once(mailbox_settings, monkeypatch) -> None:
    polled: list[int] = []
    monkeypatch.setattr(inbox, "poll_mailbox", lambda s, *, now: polled.append(s.pk))
    start = threading.Barrier(4)

    def poll() -> None:
        try:
            start.wait(10)
            inbox.poll_next_mailbox(now=NOW)
        finally:
            connection.close()

    workers = [threading.Thread(target=poll) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(20)

    assert polled == [mailbox_settings.pk]


# Failures are recorded, never raised ------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"imap_password": crypto.encrypt("wrong")}, "refused the username or password"),
        ({"imap_password": "not-a-token"}, "can't be read; please enter it again"),
        ({"imap_folder": "Replies"}, "there is no folder “Replies”"),
    ],
)
def test_it_records_what_went_wrong_and_carries_on(
    change: dict, error: str, alice, dovecot, mailbox_settings, threads
) -> None:
    deliver(
        dovecot,
        mail(
            sender="grace@navy.example",
            subject="Re: compilers",
            sent=datetime(2026, 10, 7, 18, tzinfo=UTC),
        ),
    )
    OutreachSettings.objects.filter(pk=mailbox_settings.pk).update(**change)

    assert inbox.poll_next_mailbox(now=NOW) is True

    mailbox_settings.refresh_from_db()
    assert error in mailbox_settings.imap_last_error
    assert (mailbox_settings.imap_polled_at, mailbox_settings.imap_lease_until) == (NOW, None)
    assert fresh(threads["grace"]).stage == Stage.CONTACTED
    # Fixed settings clear the error at the next poll.
    OutreachSettings.objects.filter(pk=mailbox_settings.pk).update(
        imap_password=crypto.encrypt(dovecot.password), imap_folder="INBOX"
    )
    inbox.poll_next_mailbox(now=NOW + inbox.POLL_EVERY)
    mailbox_settings.refresh_from_db()
    assert mailbox_settings.imap_last_error == ""
    assert fresh(threads["grace"]).stage == Stage.REPLIED


def test_a_server_that_is_down_is_recorded_too(alice, dovecot, mailbox_settings) -> None:
    from coffeechat.lib.testing.servers import free_port

    OutreachSettings.objects.filter(pk=mailbox_settings.pk).update(imap_port=free_port())

    assert inbox.poll_next_mailbox(now=NOW) is True

    mailbox_settings.refresh_from_db()
    assert "Couldn't connect to" in mailbox_settings.imap_last_error


def test_the_scheduler_runs_the_poller(mailbox_settings) -> None:
    assert inbox.poll_next_mailbox in jobs.DUE_JOBS
