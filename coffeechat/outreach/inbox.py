"""Replies found in the user's own mailbox over IMAP, without changing the mailbox.

The scheduler calls `poll_next_mailbox` in its loop. It claims one user's mailbox with a lease
(a conditional UPDATE on `imap_lease_until`), so several schedulers never read the same mailbox
at once, and polls each one at most every POLL_EVERY. Only mail that arrived since the last
poll is read (a cursor of UIDVALIDITY and last UID per folder), headers only, with BODY.PEEK:
nothing is marked seen, moved or flagged, the user's mail client shows it exactly as before.

A reply is matched to a conversation by its In-Reply-To/References against the Message-IDs
of the messages we sent, else by its sender against the email of a person whose request is
waiting for a reply. The conversation moves to replied on the date of the email, which also
classifies the person (booster or obligate, conversations.services). Re-reading the same mail
changes nothing: only a waiting conversation moves, and each email is recorded once.

An attendee's answer to one of our invitations (iTIP METHOD:REPLY: accepted, declined, maybe)
is recorded on the meeting (conversations.itip); only mail from someone the user invited is
fetched whole for it, still with BODY.PEEK.
"""

from __future__ import annotations

import imaplib
import logging
import re
from datetime import UTC, datetime, timedelta
from email.message import Message as EmailMessage
from email.utils import getaddresses
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from imap_tools import AND, U
from imap_tools.errors import ImapToolsError
from imap_tools.mailbox import BaseMailBox
from imap_tools.message import MailMessage

from coffeechat.accounts.models import User
from coffeechat.conversations import itip
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Activity, Conversation, Meeting, Stage
from coffeechat.lib import crypto
from coffeechat.outreach import mailer
from coffeechat.outreach.models import Message, OutreachSettings

logger = logging.getLogger(__name__)

POLL_EVERY = timedelta(minutes=5)
# Longer than a poll can take (IMAP_TIMEOUT per command, BATCH headers): a live poller keeps
# its mailbox; a killed one frees it when the lease runs out.
LEASE = timedelta(minutes=10)
IMAP_TIMEOUT = 30  # seconds per IMAP command
BATCH = 500  # headers per poll; the rest follow in the next loop round
# With no cursor yet (first poll, or the server renumbered the folder), look this far back:
# enough for replies to requests still waiting (they close about 2 weeks after sending).
FIRST_POLL_LOOKBACK = timedelta(days=30)
REPLY_DETECTED = "outreach.reply_detected"
MAX_ANSWER_EMAIL = 1024 * 1024  # an invitation answer with its attachments, at most
MESSAGE_ID = re.compile(r"<[^<>\s]+>")
# RFC 3834 auto-replies and delivery reports answer a request, but nobody replied.
AUTOMATIC_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Response")
AUTOMATIC_PRECEDENCE = {"auto_reply", "bulk", "junk", "list"}
AUTOMATIC_SENDERS = ("mailer-daemon@", "postmaster@")


def poll_next_mailbox(now: datetime | None = None) -> bool:
    """Poll one due mailbox for replies. Return False when no mailbox is due.

    IMAP failures never escape: they end in the mailbox's `imap_last_error` (shown on the
    settings page) and the mailbox is tried again after POLL_EVERY.
    """
    now = now or timezone.now()
    claimed = _claim_due_mailbox(now)
    if claimed is None:
        return False
    if claimed is True:
        return True  # another scheduler took it first: look again without sleeping
    poll_mailbox(claimed, now=now)
    return True


def _claim_due_mailbox(now: datetime) -> OutreachSettings | Literal[True] | None:
    due = (
        OutreachSettings.objects.filter(imap_enabled=True, owner__is_active=True)
        .exclude(imap_host="")
        .filter(Q(imap_polled_at=None) | Q(imap_polled_at__lte=now - POLL_EVERY))
        .filter(Q(imap_lease_until=None) | Q(imap_lease_until__lt=now))
        .select_related("owner")
        .order_by(F("imap_polled_at").asc(nulls_first=True), "pk")
        .first()
    )
    if due is None:
        return None
    # Only the row's own columns in this WHERE, compared with what was read: of two
    # schedulers that read the same row, the second UPDATE matches nothing.
    claimed = OutreachSettings.objects.filter(
        pk=due.pk, imap_lease_until=due.imap_lease_until
    ).update(imap_lease_until=now + LEASE)
    return due if claimed else True


def poll_mailbox(outreach_settings: OutreachSettings, *, now: datetime) -> int:
    """Read the mailbox's new mail and record the replies in it; return how many.

    The caller holds the lease. The cursor moves past each message as it is handled, and is
    saved with the outcome whatever happens, so a failure halfway re-reads nothing handled.
    """
    s = outreach_settings
    cursors = dict(s.imap_cursors or {})
    replies, error, more = 0, "", False
    try:
        with mailer.open_mailbox(s, timeout=IMAP_TIMEOUT) as mailbox:
            replies, more = _read_new_mail(mailbox, s, cursors, now)
    except Exception as exc:  # bad password, server down, a surprise in a message: never crash
        error = mailer.describe_error(exc, host=s.imap_host, port=s.imap_port, folder=s.imap_folder)
        logger.warning(
            "Mailbox of user %s not polled: %s", s.owner_id, exc, exc_info=not _is_imap_trouble(exc)
        )
    # With mail left over, make the mailbox due again at once (behind ones waiting longer).
    polled_at = now - POLL_EVERY if more else now
    OutreachSettings.objects.filter(pk=s.pk).update(
        imap_polled_at=polled_at,
        imap_lease_until=None,
        imap_last_error=error[:1000],
        imap_cursors=cursors,
    )
    s.imap_polled_at, s.imap_lease_until, s.imap_last_error, s.imap_cursors = (
        polled_at,
        None,
        error[:1000],
        cursors,
    )
    return replies


def _is_imap_trouble(error: Exception) -> bool:
    """Trouble with the server or the settings (worth a line), not a bug (worth a traceback)."""
    return isinstance(
        error, OSError | imaplib.IMAP4.error | ImapToolsError | crypto.SecretUnreadable
    )


def _read_new_mail(
    mailbox: BaseMailBox, s: OutreachSettings, cursors: dict[str, dict[str, int]], now: datetime
) -> tuple[int, bool]:
    """Handle the folder's mail since the cursor; return (replies, whether more is waiting)."""
    folder = s.imap_folder or "INBOX"
    status = mailbox.folder.status(folder, ["UIDVALIDITY", "UIDNEXT"])
    cursor = cursors.get(folder)
    if cursor and cursor.get("uidvalidity") == status["UIDVALIDITY"]:
        last_uid = int(cursor["last_uid"])
        # "N:*" always includes the newest message, even when its UID is below N.
        uids = mailbox.uids(AND(uid=U(str(last_uid + 1), "*")))
    else:
        last_uid = 0
        uids = mailbox.uids(AND(date_gte=(now - FIRST_POLL_LOOKBACK).date()))
    new = sorted(u for u in map(int, uids) if u > last_uid)
    batch, more = new[:BATCH], len(new) > BATCH
    cursors[folder] = cursor = {"uidvalidity": status["UIDVALIDITY"], "last_uid": last_uid}
    replies = 0
    if batch:
        fetched = mailbox.fetch(
            mark_seen=False, headers_only=True, bulk=True, uid_list=[str(u) for u in batch]
        )
        for message in sorted(fetched, key=lambda m: int(m.uid or 0)):
            replies += record_reply(owner=s.owner, settings=s, message=message, now=now)
            record_invitation_answers(mailbox, owner=s.owner, message=message, now=now)
            cursor["last_uid"] = int(message.uid or 0)
    # Everything below UIDNEXT (read before the search) was seen or is older than the lookback.
    cursor["last_uid"] = batch[-1] if more else max(last_uid, status["UIDNEXT"] - 1, *batch)
    return replies, more


# One email ----------------------------------------------------------------------------------


def record_reply(
    *, owner: User, settings: OutreachSettings, message: MailMessage, now: datetime
) -> bool:
    """Move the conversation `message` answers to replied; False when it answers none.

    Idempotent: a conversation that is no longer waiting is left alone, and an email already
    recorded (same Message-ID) is not recorded again, even if the user moved the conversation
    back to contacted.
    """
    headers = message.obj
    sender = _address(headers.get("From", ""))
    if not sender or _is_automatic(headers, sender) or sender in _own_addresses(owner, settings):
        return False
    sent_at = _sent_at(message, now)
    conversation = _conversation_answered(owner, headers) or _conversation_waiting_on(
        owner, sender, sent_at
    )
    if conversation is None or conversation.stage != Stage.CONTACTED:
        return False
    message_id = str(headers.get("Message-ID", "")).strip()[:250]
    if (
        message_id
        and Activity.objects.filter(
            owner=owner, action=REPLY_DETECTED, data__message_id=message_id
        ).exists()
    ):
        return False
    subject = " ".join((message.subject or "").split()) or "(no subject)"
    try:
        with transaction.atomic():
            conversations.move_to_stage(
                conversation=conversation,
                stage=Stage.REPLIED,
                now=now,
                on=owner.calendar.local_date(sent_at),
            )
            conversations.log_activity(
                person=conversation.person,
                conversation=conversation,
                action=REPLY_DETECTED,
                summary=f"Reply detected: {subject}",
                when=min(sent_at, now),
                message_id=message_id,
                sender=sender,
            )
    except ValidationError:  # moved in another tab meanwhile: that move stands
        return False
    return True


def record_invitation_answers(
    mailbox: BaseMailBox, *, owner: User, message: MailMessage, now: datetime
) -> int:
    """Read an attendee's answer to an invitation (iTIP METHOD:REPLY) and record it.

    Only mail that can carry a calendar part, of a bounded size, from someone the user sent
    an invitation to, is fetched whole (still BODY.PEEK: it stays unread). Returns how many
    answers were recorded.
    """
    headers = message.obj
    if not (
        headers.get_content_maintype() == "multipart"
        or headers.get_content_type() in itip.CALENDAR_TYPES
    ):
        return 0
    if (message.size_rfc822 or 0) > MAX_ANSWER_EMAIL:
        return 0
    sender = _address(headers.get("From", ""))
    invited = Meeting.objects.filter(
        owner=owner, invite_sent_at__isnull=False, conversation__person__email__iexact=sender
    )
    if not sender or not invited.exists():
        return 0
    whole = next(iter(mailbox.fetch(mark_seen=False, uid_list=[str(message.uid)])), None)
    if whole is None:
        return 0
    recorded = 0
    for part in itip.calendar_parts(whole.obj):
        try:
            outcomes = itip.record_answers(owner=owner, data=part, now=now)
        except ValidationError:  # not iCalendar, or too big: not an answer
            continue
        recorded += sum(outcome == itip.Outcome.RECORDED for _, outcome in outcomes)
        if outcomes:
            break  # the iMIP part and its .ics attachment carry the same answer
    return recorded


def _conversation_answered(owner: User, headers: EmailMessage) -> Conversation | None:
    """The conversation of one of our messages this email names as its parent or thread."""
    referenced = set()
    for name in ("In-Reply-To", "References"):
        for value in headers.get_all(name, []):
            referenced.update(MESSAGE_ID.findall(str(value)))
    if not referenced:
        return None
    # Stored with or without the angle brackets, depending on who wrote the row.
    candidates = referenced | {ref[1:-1] for ref in referenced}
    ours = (
        Message.objects.filter(owner=owner, message_id__in=candidates)
        .select_related("conversation__person__organization", "conversation__owner")
        .order_by("-created_at")
        .first()
    )
    return ours.conversation if ours else None


def _conversation_waiting_on(owner: User, sender: str, sent_at: datetime) -> Conversation | None:
    """The owner's request to `sender` that was waiting for a reply when the email was sent."""
    calendar = owner.calendar
    waiting = (
        Conversation.objects.filter(
            owner=owner, stage=Stage.CONTACTED, person__email__iexact=sender
        )
        .select_related("person__organization", "owner")
        .order_by("-contacted_at")
    )
    # An older email from the same person (found on a first poll) is not a reply to it.
    return next(
        (
            c
            for c in waiting
            if c.contacted_at is not None
            and calendar.local_date(c.contacted_at) <= calendar.local_date(sent_at)
        ),
        None,
    )


def _address(value: str) -> str:
    addresses = [addr for _, addr in getaddresses([str(value)]) if "@" in addr]
    return addresses[0].strip().lower() if addresses else ""


def _own_addresses(owner: User, s: OutreachSettings) -> set[str]:
    return {a.strip().lower() for a in (owner.email, s.from_email, s.imap_username) if a}


def _is_automatic(headers: EmailMessage, sender: str) -> bool:
    auto_submitted = str(headers.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(headers.get("Precedence", "")).strip().lower()
    return (
        auto_submitted != "no"
        or precedence in AUTOMATIC_PRECEDENCE
        or any(headers.get(name) for name in AUTOMATIC_HEADERS)
        or headers.get_content_type() == "multipart/report"
        or sender.startswith(AUTOMATIC_SENDERS)
    )


def _sent_at(message: MailMessage, now: datetime) -> datetime:
    """When the email says it was sent; now when its Date is missing, unreadable or ahead."""
    sent = message.date
    if sent.year == 1900:  # imap-tools' value for a Date it could not parse
        return now
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=UTC)
    return min(sent, now)
