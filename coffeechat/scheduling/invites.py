"""Meeting invitations by email: iTIP messages (RFC 5546) carried over iMIP (RFC 6047).

The MIME layout is the one Google sends and mail clients recognise as an invitation:

    multipart/mixed
      multipart/alternative
        text/plain, text/html
        text/calendar; method=REQUEST|CANCEL     (the iMIP part: the same METHOD as inside)
      application/ics attachment                  (for clients that only offer "open file")
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Meeting
from coffeechat.lib import emails
from coffeechat.scheduling import ics, zones

REQUEST = "REQUEST"
CANCEL = "CANCEL"


class NotSent(ValidationError):
    """The invitation didn't leave: no address, or the mail server said no (say which)."""


class Kind:
    INVITE = "invite"
    UPDATE = "update"
    CANCEL = "cancel"


@dataclass(frozen=True)
class Sender:
    """Who an invitation comes from and the connection it leaves through."""

    from_email: str  # the From header
    organizer: str  # the user's own address: ORGANIZER and Reply-To
    connection: BaseEmailBackend
    host: str = ""  # the user's SMTP server, for error messages
    port: int | None = None
    security: str = ""


NO_MAILER = (
    "This server has no mail server set up, so coffeechat can't email the invitation: "
    "download the .ics and send it from your own mail app, or set up your own SMTP "
    "server in Settings → Email, LinkedIn and AI."
)


def can_email(owner: User) -> bool:
    """Whether an invitation would really leave (not only reach the server's console log)."""
    from coffeechat.outreach import mailer
    from coffeechat.outreach import queries as outreach_queries

    return mailer.can_send(outreach_queries.settings_for(owner))


def sender_for(owner: User) -> Sender:
    """The user's own SMTP server when they turned it on, else the server's default mailer.

    The one place that decides how invitations leave, shared with outreach mail.
    """
    from coffeechat.outreach import mailer
    from coffeechat.outreach import queries as outreach_queries

    outreach_settings = outreach_queries.settings_for(owner)
    own = outreach_settings.from_email or owner.email
    connection = mailer.connection_for(outreach_settings)
    if outreach_settings.smtp_enabled:
        return Sender(
            from_email=_mailbox(str(owner), own),
            organizer=own,
            connection=connection,
            host=outreach_settings.smtp_host,
            port=outreach_settings.smtp_port,
            security=outreach_settings.smtp_security,
        )
    # Through the server's mailer, From must be the server's address (SPF, DMARC); the
    # person's answers still reach the user through Reply-To and the ORGANIZER address.
    server_address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return Sender(
        from_email=_mailbox(str(owner), server_address),
        organizer=owner.email,
        connection=connection,
    )


def _mailbox(display_name: str, address: str) -> str:
    # Address() quotes the name, so a comma or "<" in it can't add a recipient.
    return str(
        Address(
            display_name=emails.clean_header(display_name), addr_spec=emails.clean_header(address)
        )
    )


def build(meeting: Meeting, *, kind: str, sender: Sender, now: datetime) -> EmailMultiAlternatives:
    """The invitation, update or cancellation email for `meeting`, to the person."""
    person = meeting.conversation.person
    if not person.email:
        raise NotSent(f"Add {person}'s email address first: the invitation goes there.")
    method = CANCEL if kind == Kind.CANCEL else REQUEST
    body = ics.itip_ics(meeting, method=method, stamp=now, organizer_email=sender.organizer)
    theirs = zones.zone_of_person(person, meeting.owner)
    message = emails.build(
        "meeting_invite",
        to=emails.clean_header(person.email),
        context={
            "kind": kind,
            "meeting": meeting,
            "person": person,
            "owner": meeting.owner,
            "when": zones.format_slot(meeting.starts_at, meeting.minutes, theirs),
            "location": ics.location_of(meeting),
        },
    )
    message.from_email = sender.from_email
    message.reply_to = [_mailbox(str(meeting.owner), sender.organizer)]
    # No charset here: Django adds it, and a second one makes the header ambiguous.
    message.attach_alternative(body.decode(), f"text/calendar; method={method}")
    message.attach("cancel.ics" if kind == Kind.CANCEL else "invite.ics", body, "application/ics")
    return message


def send(meeting: Meeting, *, kind: str, now: datetime) -> None:
    """Build and deliver one invitation email; raise NotSent with a sentence the user can
    act on when it can't go."""
    from coffeechat.outreach import gate, mailer

    if not can_email(meeting.owner):
        raise NotSent(NO_MAILER)
    sender = sender_for(meeting.owner)
    refusal = None
    if not sender.host:  # the server's mailer: the same rules and caps as outreach mail
        refusal = mailer.server_mail_refusal(meeting.owner) or (
            gate.server_mail_cap_refusal(meeting.owner, now, adding=1)
        )
    if refusal:
        raise NotSent(refusal)
    message = build(meeting, kind=kind, sender=sender, now=now)
    try:
        if not sender.connection.send_messages([message]):
            raise smtplib.SMTPException("The mail server did not accept the message.")
    except Exception as error:
        raise NotSent(
            mailer.describe_error(
                error, host=sender.host, port=sender.port, security=sender.security
            )
        ) from error
    if not sender.host:
        gate.record_server_mail(owner=meeting.owner, what=f"invitation {kind}")
