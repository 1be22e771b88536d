"""Sending outreach email: queue once, deliver once, retry with backoff, never crash the worker.

A message is queued by one conditional UPDATE (draft to queued), which also fixes its
Message-ID. Delivery claims the row with another conditional UPDATE that takes a lease, sends,
and records the result with a third. The only duplicate possible is a worker dying between the
SMTP server accepting the message and the worker recording it: the lease expires, the message
is sent again, and it carries the same Message-ID, so mail clients show it once
(at-least-once, security.md decision 2).
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.utils import make_msgid, parseaddr
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from coffeechat.conversations import services as conversations
from coffeechat.lib import crypto, emails, netguard
from coffeechat.lib.clock import current_time
from coffeechat.outreach import mailer, queries
from coffeechat.outreach.models import Message, MessageKind, OutreachSettings

logger = logging.getLogger(__name__)

Status = Message.Status
SEND_LEASE = timedelta(minutes=5)  # far longer than mailer.SMTP_TIMEOUT allows one send to take
MAX_ATTEMPTS = 8  # with the backoff below, about two hours of trying
MAX_BACKOFF = timedelta(hours=1)
EMAIL_KINDS = (
    MessageKind.REQUEST,
    MessageKind.FOLLOW_UP,
    MessageKind.ACCEPT,
    MessageKind.THANK_YOU,
)


def queue_message(*, message: Message, now: datetime | None = None) -> Message:
    """Queue a draft (or a failed message, to try again) for delivery, and return it.

    Idempotent: the conditional UPDATE moves the row only from draft or failed, so a second
    call or a double-clicked Send changes nothing and enqueues nothing. The Message-ID is fixed
    here, once, and kept by every later attempt.
    """
    _queue(message, now, from_statuses=(Status.DRAFT, Status.FAILED))
    message.refresh_from_db()
    return message


def queue_draft(*, message: Message, now: datetime | None = None) -> bool:
    """Queue a draft; False when it had already left draft (another request sent it)."""
    return _queue(message, now, from_statuses=(Status.DRAFT,))


def _queue(message: Message, now: datetime | None, *, from_statuses: tuple[str, ...]) -> bool:
    if message.kind not in EMAIL_KINDS:
        raise ValidationError("LinkedIn messages are sent on LinkedIn: mark this one as sent.")
    if not message.to_email:
        raise ValidationError({"to_email": "Add the email address to send this to."})
    validate_email(message.to_email)
    now = current_time(now)
    with transaction.atomic():
        queued = Message.objects.filter(pk=message.pk, status__in=from_statuses).update(
            status=Status.QUEUED,
            queued_at=now,
            next_attempt_at=now,
            lease_until=None,
            attempts=0,
            last_error="",
            updated_at=now,
            message_id=Coalesce(F("message_id"), Value(new_message_id())),
        )
        if queued:
            # robust: the row is queued either way, and deliver_due_messages picks it up
            # if the task can't be enqueued.
            transaction.on_commit(partial(_enqueue, message.pk), robust=True)
    return bool(queued)


def retry_now(*, message: Message, now: datetime | None = None) -> Message:
    """Send a message that didn't leave again, now (after the user fixed their settings).

    A failed message is queued afresh (same Message-ID); one still retrying is made due at
    once instead of waiting for its backoff. A message being sent right now, or sent, is
    left alone: nothing is ever sent twice.
    """
    now = current_time(now)
    if not mailer.can_send(queries.settings_for(message.owner)):
        raise ValidationError(
            "coffeechat has no mail server to send this through. Open it in your mail app and "
            "choose “I sent it”, or set up your own SMTP server in Settings."
        )
    if message.status == Status.FAILED:
        return queue_message(message=message, now=now)
    with transaction.atomic():
        due = Message.objects.filter(
            Q(lease_until=None) | Q(lease_until__lt=now),
            pk=message.pk,
            status=Status.QUEUED,
        ).update(next_attempt_at=now, updated_at=now)
        if due:
            transaction.on_commit(partial(_enqueue, message.pk), robust=True)
    if not due:
        raise ValidationError("This message is being sent right now, or was sent already.")
    message.refresh_from_db()
    return message


def new_message_id() -> str:
    """A fresh Message-ID on the domain of DEFAULT_FROM_EMAIL (or "coffeechat")."""
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    domain = address.rpartition("@")[2] or "coffeechat"
    return make_msgid(domain=domain)


def _enqueue(message_id: int) -> None:
    from coffeechat.outreach import tasks  # tasks imports this module

    tasks.deliver.enqueue(message_id=message_id)


def deliver_message(message_id: int, now: datetime | None = None) -> bool:
    """Send one queued message if it is due and no other worker holds it; never raise.

    Return whether this call claimed the message (and so tried to send it).
    """
    now = current_time(now)
    try:
        message = _claim(message_id, now)
        if message is None:
            return False
        _attempt(message, now)
    except Exception:
        # A bug or a lost database must not kill the worker; the lease expires and the
        # scheduler tries again.
        logger.exception("Delivering message %s failed unexpectedly", message_id)
    return True


def deliver_due_messages(now: datetime | None = None) -> bool:
    """Deliver one due message: a retry, or one a killed worker left leased. False if none.

    The scheduler job (scheduler/jobs.py); it also delivers messages whose task was lost.
    """
    now = current_time(now)
    due = Message.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now).filter(
        Q(lease_until=None) | Q(lease_until__lt=now)
    )
    message_id = due.order_by("next_attempt_at", "pk").values_list("pk", flat=True).first()
    if message_id is None:
        return False
    deliver_message(message_id, now)
    return True  # even when another worker won the claim: look again without sleeping


def _claim(message_id: int, now: datetime) -> Message | None:
    # Only the row's own columns in this WHERE (see conversations.services._claim_new_digest):
    # PostgreSQL re-checks them against a row another worker updated meanwhile.
    claimed = Message.objects.filter(
        Q(lease_until=None) | Q(lease_until__lt=now),
        pk=message_id,
        status=Status.QUEUED,
        next_attempt_at__lte=now,
    ).update(lease_until=now + SEND_LEASE, attempts=F("attempts") + 1)
    if not claimed:
        return None
    return Message.objects.select_related("owner", "conversation__person", "in_reply_to").get(
        pk=message_id
    )


def _attempt(message: Message, now: datetime) -> None:
    if message.attempts > MAX_ATTEMPTS:
        # Every earlier attempt died without recording anything (a worker killed each time):
        # stop instead of crash-looping.
        _record_failure(
            message, f"Delivery was interrupted {MAX_ATTEMPTS} times.", now, permanent=True
        )
        return
    outreach_settings = queries.settings_for(message.owner)
    refusal = None if outreach_settings.smtp_enabled else mailer.server_mail_refusal(message.owner)
    if refusal:  # turned off, or the account changed, since it was queued
        _record_failure(message, refusal, now, permanent=True)
        return
    try:
        email = build_email(message, outreach_settings)
        sent = mailer.connection_for(outreach_settings).send_messages([email])
        if not sent:
            raise smtplib.SMTPException("The mail server did not accept the message.")
    except Exception as error:
        host, port = _server_of(outreach_settings)
        security = outreach_settings.smtp_security if outreach_settings.smtp_enabled else ""
        _record_failure(
            message,
            mailer.describe_error(error, host=host, port=port, security=security),
            now,
            permanent=_is_permanent(error),
        )
        return
    _record_sent(message)


def _server_of(outreach_settings: OutreachSettings) -> tuple[str, int | None]:
    if outreach_settings.smtp_enabled:
        return outreach_settings.smtp_host, outreach_settings.smtp_port
    return "", None


def build_email(message: Message, outreach_settings: OutreachSettings) -> EmailMessage:
    """The email for `message`: one recipient, one-line headers, threaded under the request."""
    if not message.to_email:
        raise ValueError("The message has no recipient address.")
    owner = message.owner
    own_address = outreach_settings.from_email or owner.email
    # Through the server's mailer, From must be the server's address (SPF, DMARC); replies
    # still come to the user through Reply-To, their confirmed sign-in address (never a "send
    # as" address nobody confirmed).
    from_address = own_address
    if not outreach_settings.smtp_enabled:
        from_address, own_address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1], owner.email
    headers = {"Message-ID": message.message_id or ""}
    parent = _thread_parent(message)
    if parent:
        headers.update({"In-Reply-To": parent, "References": parent})
    return EmailMessage(
        subject=emails.clean_header(message.subject),
        body=message.body,
        from_email=_mailbox(owner.display_name, from_address),
        to=[emails.clean_header(message.to_email)],
        reply_to=[_mailbox(owner.display_name, own_address)],
        headers={name: emails.clean_header(value) for name, value in headers.items()},
    )


def _mailbox(display_name: str, address: str) -> str:
    # Address() quotes the name, so a comma or "<" in it can't add a recipient.
    return str(
        Address(
            display_name=emails.clean_header(display_name), addr_spec=emails.clean_header(address)
        )
    )


def _thread_parent(message: Message) -> str | None:
    """The Message-ID this one answers: the message it replies to, or for the follow-up,
    the conversation's first request."""
    parent = message.in_reply_to
    if parent is not None and parent.message_id:
        return parent.message_id
    if message.kind != MessageKind.FOLLOW_UP:
        return None
    first = (
        Message.objects.filter(
            owner_id=message.owner_id,
            conversation_id=message.conversation_id,
            kind=MessageKind.REQUEST,
            message_id__isnull=False,
        )
        .exclude(pk=message.pk)
        .order_by("queued_at", "pk")
        .first()
    )
    return first.message_id if first else None


def _is_permanent(error: Exception) -> bool:
    """Whether trying again can't help until the user changes something."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    # A bad address, an unreadable stored password or a host the outbound guard refuses
    # won't fix itself.
    return isinstance(error, ValueError | crypto.SecretUnreadable | netguard.Refused)


@transaction.atomic
def _record_sent(message: Message) -> None:
    sent_at = timezone.now()
    recorded = Message.objects.filter(pk=message.pk, status=Status.QUEUED).update(
        status=Status.SENT,
        sent_at=sent_at,
        lease_until=None,
        next_attempt_at=None,
        last_error="",
        updated_at=sent_at,
    )
    if not recorded:
        return  # a worker that took over after our lease expired recorded it first
    conversations.log_activity(
        person=message.conversation.person,
        conversation=message.conversation,
        action="outreach.email_sent",
        summary=f"Email sent: {message.subject}",
        when=sent_at,
        message_id=message.pk,
    )


@transaction.atomic
def _record_failure(message: Message, reason: str, now: datetime, *, permanent: bool) -> None:
    gave_up = permanent or message.attempts >= MAX_ATTEMPTS
    changes = (
        {"status": Status.FAILED, "next_attempt_at": None}
        if gave_up
        else {"next_attempt_at": now + backoff(message.attempts)}
    )
    # Conditional on our own lease: if it expired and another worker took the message over,
    # its outcome is the one that counts.
    recorded = Message.objects.filter(
        pk=message.pk,
        status=Status.QUEUED,
        lease_until=message.lease_until,
    ).update(lease_until=None, last_error=reason[:1000], updated_at=timezone.now(), **changes)
    logger.warning("Message %s not sent (attempt %s): %s", message.pk, message.attempts, reason)
    if recorded and gave_up:
        conversations.log_activity(
            person=message.conversation.person,
            conversation=message.conversation,
            action="outreach.email_failed",
            summary=f"Email not sent: {message.subject}",
            when=now,
            message_id=message.pk,
            reason=reason,
        )


def backoff(attempts: int) -> timedelta:
    """How long to wait after the given number of failed attempts: 1, 2, 4... minutes, capped."""
    return min(timedelta(minutes=2 ** (max(attempts, 1) - 1)), MAX_BACKOFF)
