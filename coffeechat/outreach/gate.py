"""The gate: everything that stops a message going out, checked before it is sent.

The lint's errors (each overridable by its rule id), the daily budget of new requests (asks
for an acknowledgement), the conversation's stage, and the server mailer's hard daily caps
(not overridable). services.py sends through it; the composer asks it for the findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError

from coffeechat.accounts.models import User
from coffeechat.conversations.models import CLOSED_STAGES, Conversation, Stage
from coffeechat.network.models import Person
from coffeechat.outreach import drafting, lint, lint_findings, queries
from coffeechat.outreach.models import (
    Message,
    MessageKind,
    ServerMail,
)
from coffeechat.prep import thank_you

Kind = MessageKind
Status = Message.Status
OPENING_STAGES = (Stage.IDENTIFIED, *CLOSED_STAGES)
# A thank-you follows the meeting: once it is held (met), or again later.
THANK_YOU_STAGES = (Stage.MET, Stage.THANKED, Stage.NURTURING)


class LintBlocked(ValidationError):
    """The draft has lint errors the user did not override; `blocking` holds their rule ids."""

    def __init__(self, findings: list[lint_findings.Finding], blocking: set[str]) -> None:
        self.findings, self.blocking = findings, blocking
        super().__init__(
            "Fix the errors marked below, or tick “send anyway” next to each one.", code="lint"
        )


class AlreadySent(ValidationError):
    """Another request (a second click, another tab) sent this message first."""

    def __init__(self) -> None:
        super().__init__(
            "This message was already sent (from another tab or a second click); it went out once.",
            code="already_sent",
        )


class OverBudget(ValidationError):
    """Today's new requests already reach the user's daily budget (RULE-F3)."""

    def __init__(self, sent_today: int, budget: int) -> None:
        self.sent_today, self.budget = sent_today, budget
        super().__init__(
            f"You've opened {sent_today} new conversations today; your budget is {budget}. "
            "The method is a steady pace: tick the box to send this one anyway.",
            code="budget",
        )


def lint_draft(
    *, conversation: Conversation, kind: str, subject: str = "", body: str = ""
) -> lint_findings.Draft:
    """The lint's view of a draft: the text plus what we know of the connection."""
    person, user = conversation.person, conversation.owner
    introducer = queries.introducer_of(person)
    return lint_findings.Draft(
        body=body,
        subject=subject,
        kind=kind,
        connection=person.connection,
        school=user.school if person.connection == Person.Connection.ALUMNI else "",
        referrer=introducer.full_name if introducer else "",
        met_at=person.met_at,
        organization=person.organization.name if person.organization else "",
        field_broad=user.field_broad,
        field_narrow=user.field_narrow,
        note_limit=queries.settings_for(user).linkedin_note_limit,
        cited=tuple(thank_you.cited_items(conversation)) if kind == Kind.THANK_YOU else (),
    )


def lint_message(
    *, conversation: Conversation, kind: str, subject: str = "", body: str = ""
) -> list[lint_findings.Finding]:
    """The lint's findings for a draft of `kind` in this conversation, errors first."""
    return lint.lint(lint_draft(conversation=conversation, kind=kind, subject=subject, body=body))


SERVER_MAIL_WINDOW = timedelta(hours=24)


def check_server_mail_caps(owner: User, now: datetime) -> None:
    """Refuse (roll back) a message over the server mailer's hard caps, this one counted.

    Not overridable: they bound what one account, or everyone, can send as this server.
    """
    refusal = server_mail_cap_refusal(owner, now)
    if refusal:
        raise ValidationError(refusal, code="server_mail_cap")


def server_mail_cap_refusal(owner: User, now: datetime, *, adding: int = 0) -> str | None:
    """Why the server's mailer may not send `adding` more emails for `owner` now, or None.

    Messages and invitations count alike, over the last 24 hours, per account and in all.
    """
    since = now - SERVER_MAIL_WINDOW
    messages = Message.objects.filter(via_server_mailer=True, queued_at__gt=since)
    others = ServerMail.objects.filter(created_at__gt=since)
    mine = messages.filter(owner=owner).count() + others.filter(owner=owner).count() + adding
    cap = settings.SERVER_MAIL_DAILY_PER_ACCOUNT
    if mine > cap:
        return (
            f"You've sent {cap} emails through this server in the last 24 hours, the most "
            "one account may. Open this one in your mail app (then choose “I sent it”), set "
            "up your own SMTP server, or send it tomorrow."
        )
    if messages.count() + others.count() + adding > settings.SERVER_MAIL_DAILY_TOTAL:
        return (
            "This server has sent all the email it sends in a day for everyone. Open this "
            "one in your mail app (then choose “I sent it”), or set up your own SMTP server."
        )
    return None


def record_server_mail(*, owner: User, what: str) -> None:
    """Count an invitation (or its update) the server's mailer sent, for the daily caps."""
    ServerMail.objects.create(owner=owner, what=what)


def pass_gate(
    message: Message, overrides: Iterable[str], acknowledge_budget: bool, now: datetime
) -> list[str]:
    """Check everything that stops a send; return the error rules the user overrode."""
    try:
        return _check_gate(message, overrides, acknowledge_budget, now)
    except ValidationError:
        # Another request may have sent this very message while we read it (the conversation
        # then says "already asked"): say what really happened.
        if not Message.objects.filter(pk=message.pk, status=Status.DRAFT).exists():
            raise AlreadySent() from None
        raise


def _check_gate(
    message: Message, overrides: Iterable[str], acknowledge_budget: bool, now: datetime
) -> list[str]:
    check_sendable(message)
    findings = lint_message(
        conversation=message.conversation,
        kind=message.kind,
        subject=message.subject,
        body=message.body,
    )
    errors = lint.error_rules(findings)
    blocking = errors - set(overrides)
    if blocking:
        raise LintBlocked(findings, blocking)
    if message.kind in queries.FIRST_REQUEST_KINDS and not acknowledge_budget:
        budget = queries.settings_for(message.owner).daily_request_budget
        sent_today = queries.first_requests_sent_on(message.owner, now)
        if sent_today >= budget:
            raise OverBudget(sent_today, budget)
    return sorted(errors)


def check_sendable(message: Message, *, already_sent: bool = False) -> None:
    """Refuse what cannot be sent (or recorded as sent); a message the user already sent
    elsewhere is recorded even with a template field left in it (the lint notes RULE-D1)."""
    conversation = message.conversation
    if message.status != Status.DRAFT:
        raise ValidationError("This message was already sent.")
    if not message.body.strip():
        raise ValidationError({"body": "Write the message first."})
    missing = drafting.unfilled(f"{message.subject}\n{message.body}")
    if missing and not already_sent:
        raise ValidationError({"body": f"Fill in {', '.join(missing)} first."})
    if message.kind in queries.FIRST_REQUEST_KINDS and conversation.stage not in OPENING_STAGES:
        raise ValidationError(
            f"You already asked {conversation.person}. Write the follow-up or a reply instead."
        )
    if message.kind == Kind.FOLLOW_UP and not conversation.can_follow_up:
        raise ValidationError(
            f"You already followed up with {conversation.person} once: if they don't answer, "
            "close this and move on."
            if conversation.follow_up_sent_at
            else "A follow-up only goes to a request that is waiting for a reply."
        )
    if message.kind == Kind.ACCEPT and conversation.is_closed:
        raise ValidationError("This conversation is closed. Reopen it first.")
    if message.kind == Kind.THANK_YOU and conversation.stage not in THANK_YOU_STAGES:
        raise ValidationError("A thank-you follows the meeting: mark it held (“We met”) first.")
