"""Answers to invitations found in the user's mailbox (a real Dovecot on loopback) and recorded
on the meeting, for each calendar's shape; the mailbox stays exactly as it was (unread)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from imap_tools import MailBoxUnencrypted

from coffeechat.conversations import meetings
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Meeting
from coffeechat.lib import crypto
from coffeechat.lib.testing.itip_answers import CLIENTS
from coffeechat.network import services as network
from coffeechat.outreach import inbox
from coffeechat.outreach.models import OutreachSettings

# In the past of the machine's clock: Dovecot keeps an appended message's date only then.
NOW = datetime(2026, 10, 14, 15, tzinfo=UTC)
STAMP = datetime(2026, 10, 13, 12, tzinfo=UTC)


@pytest.fixture
def mailbox_settings(alice, dovecot) -> OutreachSettings:
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


def invited(owner, name: str, email: str) -> Meeting:
    person = network.add_person(owner=owner, full_name=name, email=email)
    conversation = conversations.start_conversation(owner=owner, person=person, now=NOW)
    meeting = meetings.schedule_meeting(
        conversation=conversation,
        minutes=20,
        starts_at=NOW + timedelta(days=3),
        mode="video",
        now=NOW - timedelta(days=2),
    )
    Meeting.objects.filter(pk=meeting.pk).update(invite_sent_at=NOW - timedelta(days=2))
    meeting.refresh_from_db()
    return meeting


def deliver(dovecot, *messages) -> None:
    with MailBoxUnencrypted(dovecot.host, port=dovecot.port).login(
        dovecot.username, dovecot.password
    ) as mailbox:
        for message in messages:
            mailbox.append(message.as_bytes(), "INBOX", dt=STAMP)


def test_the_poller_records_each_calendars_answer_and_leaves_the_mail_unread(
    alice, dovecot, mailbox_settings
) -> None:
    partstats = {
        "google": "ACCEPTED",
        "outlook": "DECLINED",
        "apple": "TENTATIVE",
        "thunderbird": "ACCEPTED",
    }
    meetings = {
        client: invited(alice, f"Dana {client.title()}", f"dana@{client}.example")
        for client in CLIENTS
    }
    deliver(
        dovecot,
        *[
            CLIENTS[client](
                meetings[client],
                partstat=partstats[client],
                attendee=f"dana@{client}.example",
                organizer=alice.email,
                stamp=STAMP + timedelta(minutes=n),
            )
            for n, client in enumerate(sorted(CLIENTS))
        ],
    )

    assert inbox.poll_next_mailbox(now=NOW) is True

    mailbox_settings.refresh_from_db()
    assert mailbox_settings.imap_last_error == ""
    for client, meeting in meetings.items():
        meeting.refresh_from_db()
        assert meeting.reply == partstats[client].lower(), client
    with MailBoxUnencrypted(dovecot.host, port=dovecot.port).login(
        dovecot.username, dovecot.password
    ) as mailbox:
        flags = [m.flags for m in mailbox.fetch(mark_seen=False, headers_only=True)]
    assert len(flags) == 4 and all("\\Seen" not in f for f in flags)


def test_mail_from_someone_never_invited_is_not_opened(
    alice, dovecot, mailbox_settings, monkeypatch
) -> None:
    meeting = invited(alice, "Dana Whitfield", "dana@example.com")
    stranger = CLIENTS["google"](
        meeting, partstat="DECLINED", attendee="eve@example.com", organizer=alice.email, stamp=STAMP
    )
    stranger.replace_header("From", "Eve <eve@example.com>")
    deliver(dovecot, stranger)
    opened = []
    real = inbox.itip.record_answers
    monkeypatch.setattr(inbox.itip, "record_answers", lambda **kw: opened.append(kw) or real(**kw))

    inbox.poll_next_mailbox(now=NOW)

    meeting.refresh_from_db()
    assert (opened, meeting.reply) == ([], "")
