"""Writes for outreach: drafts, the lint gate, sending (or recording a send) and templates.

A draft becomes a sent message in one of two ways: `send_draft` queues it for delivery by email
(delivery.py), `mark_sent_elsewhere` records that the user sent it from their own mail or
LinkedIn. Sending passes a gate (the lint's errors, each overridable by its rule id; the daily
budget of new requests, which asks for an acknowledgement rather than blocking); recording a
message already sent passes none: its findings are kept as warnings on the timeline. Both
have the same effect on the conversation: a first request moves it to contacted, which plans
the 3B and 7B reminders (RULE-E12), and the follow-up is recorded once, in the same thread.
A thank-you (T8) is a new email, not a reply; it moves a met conversation to thanked, which
completes the thank-you reminder.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from coffeechat.accounts.models import User
from coffeechat.conversations import reminders
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import CLOSED_STAGES, Conversation, Reminder, Stage
from coffeechat.lib.clock import current_time
from coffeechat.network.models import Person
from coffeechat.outreach import ai, delivery, drafting, lint, mailer, queries
from coffeechat.outreach.models import (
    Message,
    MessageKind,
    OutreachSettings,
    ServerMail,
    Template,
)
from coffeechat.prep import services as prep

Kind = MessageKind
Status = Message.Status
# Email goes through delivery.py; LinkedIn messages are only ever sent by the user.
EMAIL_KINDS = frozenset(delivery.EMAIL_KINDS)
OPENING_STAGES = (Stage.IDENTIFIED, *CLOSED_STAGES)
# A thank-you follows the meeting: once it is held (met), or again later.
THANK_YOU_STAGES = (Stage.MET, Stage.THANKED, Stage.NURTURING)


class LintBlocked(ValidationError):
    """The draft has lint errors the user did not override; `blocking` holds their rule ids."""

    def __init__(self, findings: list[lint.Finding], blocking: set[str]) -> None:
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


# Drafting --------------------------------------------------------------------------------


def default_kind(conversation: Conversation) -> str:
    """What the conversation needs written next."""
    if conversation.stage == Stage.CONTACTED and conversation.can_follow_up:
        return Kind.FOLLOW_UP
    if conversation.stage in (Stage.REPLIED, Stage.SCHEDULED):
        return Kind.ACCEPT
    if conversation.stage == Stage.MET:
        return Kind.THANK_YOU
    return Kind.REQUEST


def facts_for(conversation: Conversation, *, now: datetime | None = None) -> drafting.Facts:
    """What templates may say about this conversation, its person and the user."""
    person, user = conversation.person, conversation.owner
    introducer = queries.introducer_of(person)
    first = queries.first_request_of(conversation)
    facts = drafting.Facts(
        first_name=person.first_name,
        full_name=person.full_name,
        title=person.title,
        organization=person.organization.name if person.organization else "",
        connection=person.connection,
        met_at=person.met_at,
        referrer=introducer.full_name if introducer else "",
        purpose=conversation.purpose,
        school=user.school,
        field_broad=user.field_broad,
        field_narrow=user.field_narrow,
        minutes=user.meeting_minutes,
        my_name=user.display_name,
        profile_url=user.profile_url,
        signature=user.signature,
        request_subject=first.subject if first else "",
        time_zone=user.time_zone,
        slots=drafting.slots_after(user.calendar, current_time(now)),
    )
    if not facts.request_subject:
        # No emailed request to answer (yet): the subject the request would have had.
        request = drafting.suggested(Kind.REQUEST, person.connection)
        subject, _ = drafting.render(request.subject, "", facts)
        facts = dataclasses.replace(facts, request_subject=subject)
    return facts


def prefill(
    *, conversation: Conversation, kind: str, template: str = "", now: datetime | None = None
) -> tuple[str, str]:
    """Subject and body from a template: "builtin:<key>", "mine:<id>" or the suggested one.

    The built-in thank-you is written from the conversation's notes (prep.thank_you_draft).
    """
    source, _, key = template.partition(":")
    if source == "mine" and key.isdigit():
        chosen = queries.get_template(conversation.owner, int(key))
        subject, body = chosen.subject, chosen.body
    else:
        builtin = drafting.BUILT_INS_BY_KEY.get(key)
        if builtin is None or builtin.kind != kind:
            builtin = drafting.suggested(kind, conversation.person.connection)
        if builtin.kind == Kind.THANK_YOU:
            return prep.thank_you_draft(conversation, now=now)
        subject, body = builtin.subject, builtin.body
    return drafting.render(subject, body, facts_for(conversation, now=now))


def lint_draft(
    *, conversation: Conversation, kind: str, subject: str = "", body: str = ""
) -> lint.Draft:
    """The lint's view of a draft: the text plus what we know of the connection."""
    person, user = conversation.person, conversation.owner
    introducer = queries.introducer_of(person)
    return lint.Draft(
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
        cited=tuple(prep.cited_items(conversation)) if kind == Kind.THANK_YOU else (),
    )


def lint_message(
    *, conversation: Conversation, kind: str, subject: str = "", body: str = ""
) -> list[lint.Finding]:
    """The lint's findings for a draft of `kind` in this conversation, errors first."""
    return lint.lint(lint_draft(conversation=conversation, kind=kind, subject=subject, body=body))


def save_draft(
    *,
    conversation: Conversation,
    kind: str,
    to_email: str = "",
    subject: str = "",
    body: str = "",
    ai_assisted: bool = False,
    key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Message:
    """Keep the conversation's draft of this kind (one per kind), created on first save.

    `key` is the composer page's idempotency key: two POSTs of one page (a double-clicked
    Send, two tabs) find the same row, and a row that left draft meanwhile is never written
    back to draft (AlreadySent instead): a queued or sent message stays what it is.
    """
    now = current_time(now)
    message = _draft_row(conversation, kind, key, now)
    if message.status != Status.DRAFT:
        raise AlreadySent()
    message.to_email, message.subject, message.body = to_email.strip(), subject.strip(), body
    message.ai_assisted = message.ai_assisted or ai_assisted
    message.full_clean(exclude=["in_reply_to", "message_id", "idempotency_key"])
    # Only while it is still a draft: a Send in another request may have queued it since we
    # read it, and a plain save() would put it back to draft.
    written = Message.objects.filter(pk=message.pk, status=Status.DRAFT).update(
        to_email=message.to_email,
        subject=message.subject,
        body=message.body,
        ai_assisted=message.ai_assisted,
        updated_at=now,
    )
    if not written:
        raise AlreadySent()
    message.updated_at = now
    return message


def _draft_row(
    conversation: Conversation, kind: str, key: uuid.UUID | None, now: datetime
) -> Message:
    """The row this page writes: the one with its key, the kind's draft, or a new one."""
    mine = Message.objects.filter(owner_id=conversation.owner_id, conversation=conversation)
    found = (mine.filter(idempotency_key=key).first() if key else None) or queries.draft_of(
        conversation, kind
    )
    if found:
        return found
    fields = {"idempotency_key": key} if key else {}
    message = Message(
        owner_id=conversation.owner_id,
        conversation=conversation,
        kind=kind,
        created_at=now,
        updated_at=now,
        **fields,
    )
    message.full_clean(exclude=["in_reply_to", "message_id", "idempotency_key"])
    try:
        with transaction.atomic():
            message.save(force_insert=True)
    except IntegrityError:
        # The same page's other POST created it a moment ago.
        return mine.get(idempotency_key=key)
    return message


# Sending ---------------------------------------------------------------------------------


def send_draft(
    *,
    message: Message,
    overrides: Iterable[str] = (),
    acknowledge_budget: bool = False,
    now: datetime | None = None,
) -> Message:
    """Queue the draft for delivery by email, after the lint gate and the budget check.

    Raises LintBlocked (errors not overridden), OverBudget (not acknowledged) or
    ValidationError (nothing to send, no address, wrong stage). The conversation moves on in
    the same transaction as the queueing, so a refused move (a second follow-up) sends nothing.
    """
    now = current_time(now)
    if message.kind not in EMAIL_KINDS:
        raise ValidationError(
            "LinkedIn messages are sent on LinkedIn: copy it, then choose “I sent it”."
        )
    if not message.to_email:
        raise ValidationError({"to_email": "Add the email address to send this to."})
    outreach_settings = queries.settings_for(message.owner)
    via_server = not outreach_settings.smtp_enabled
    refusal = mailer.server_mail_refusal(message.owner) if via_server else None
    if refusal:
        raise ValidationError(refusal, code="server_mail")
    if not mailer.can_send(outreach_settings):
        raise ValidationError(
            "coffeechat has no mail server to send this through. Open it in your mail app and "
            "choose “I sent it”, or set up your own SMTP server in Settings."
        )
    overridden = _pass_gate(message, overrides, acknowledge_budget, now)
    with transaction.atomic():
        if via_server:
            # One sender's Sends count one at a time (the row lock), so the cap holds.
            OutreachSettings.objects.select_for_update().get(pk=outreach_settings.pk)
        # Claim first: of two Sends of one draft, only the one whose conditional UPDATE moved
        # it out of draft goes on to move the conversation; the other changes nothing.
        if not delivery.queue_draft(message=message, now=now):
            raise AlreadySent()
        if via_server:
            Message.objects.filter(pk=message.pk).update(via_server_mailer=True)
            _check_server_mail_caps(message.owner, now)
        _record_overrides(message, overridden, now)
        _advance(message, now=now)
    message.refresh_from_db()
    return message


SERVER_MAIL_WINDOW = timedelta(hours=24)


def _check_server_mail_caps(owner: User, now: datetime) -> None:
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


def mark_sent_elsewhere(
    *,
    message: Message,
    overrides: Iterable[str] = (),
    acknowledge_budget: bool = False,
    on: date | None = None,
    now: datetime | None = None,
) -> Message:
    """Record that the user sent the draft themselves (their mail, LinkedIn), `on` a past day.

    The message already went out, so what it says refuses nothing: the lint's findings (errors
    included) are recorded as warnings on the conversation's timeline, and the daily budget is
    not asked (`overrides` and `acknowledge_budget` change nothing here). Same effect on the
    conversation as `send_draft`; the timers count from `on`.
    """
    del overrides, acknowledge_budget  # kept so that both ways of sending take the same form
    now = current_time(now)
    _check_sendable(message, already_sent=True)
    findings = lint_message(
        conversation=message.conversation,
        kind=message.kind,
        subject=message.subject,
        body=message.body,
    )
    sent_at = now if on is None else min(message.owner.calendar.morning_of(on), now)
    with transaction.atomic():
        claimed = Message.objects.filter(pk=message.pk, status=Status.DRAFT).update(
            status=Status.SENT_ELSEWHERE, sent_at=sent_at, updated_at=now
        )
        if not claimed:
            raise AlreadySent()
        message.status, message.sent_at = Status.SENT_ELSEWHERE, sent_at
        message.lint_overrides = sorted(lint.error_rules(findings))
        message.save(update_fields=["lint_overrides", "updated_at"])
        _advance(message, now=now, on=on)
        conversations.log_activity(
            person=message.conversation.person,
            conversation=message.conversation,
            action="outreach.sent_elsewhere",
            when=sent_at,
            message_id=message.pk,
            summary=f"{message.get_kind_display()} sent {_where(message)}",
        )
        if findings:
            _record_findings(message, findings, sent_at)
    return message


def _record_findings(message: Message, findings: list[lint.Finding], when: datetime) -> None:
    """The lint's findings on a message sent elsewhere, as warnings on the timeline."""
    noted = list(dict.fromkeys(f"{f.rule} ({f.message.rstrip('.')})" for f in findings))
    conversations.log_activity(
        person=message.conversation.person,
        conversation=message.conversation,
        action="outreach.lint_noted",
        when=when,
        message_id=message.pk,
        findings=[{**f.as_dict(), "severity": lint.WARNING} for f in findings],
        summary=f"Warnings on the {message.get_kind_display().lower()} you sent: "
        + "; ".join(noted),
    )


def _where(message: Message) -> str:
    return "from your own mail" if message.kind in EMAIL_KINDS else "on LinkedIn"


def _pass_gate(
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
    _check_sendable(message)
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


def _check_sendable(message: Message, *, already_sent: bool = False) -> None:
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


def _record_overrides(message: Message, overridden: list[str], now: datetime) -> None:
    message.lint_overrides = overridden
    message.updated_at = now
    message.save(update_fields=["lint_overrides", "updated_at"])
    if overridden:
        conversations.log_activity(
            person=message.conversation.person,
            conversation=message.conversation,
            action="outreach.lint_overridden",
            when=now,
            message_id=message.pk,
            rules=overridden,
            summary=f"{message.get_kind_display()} sent despite {', '.join(overridden)}",
        )


def _advance(message: Message, *, now: datetime, on: date | None = None) -> None:
    """Move the conversation on for a message that went out (inside the caller's atomic)."""
    conversation = message.conversation
    if message.kind in queries.FIRST_REQUEST_KINDS:
        conversations.move_to_stage(
            conversation=conversation, stage=Stage.CONTACTED, now=now, on=on
        )
    elif message.kind in (Kind.FOLLOW_UP, Kind.ACCEPT):
        message.in_reply_to = queries.first_request_of(conversation)
        message.save(update_fields=["in_reply_to", "updated_at"])
    if message.kind == Kind.FOLLOW_UP:
        conversations.record_follow_up(conversation=conversation, now=now)
    elif message.kind == Kind.THANK_YOU and conversation.stage == Stage.MET:
        # Thanked completes the thank-you reminder (and plans a report-back for advice).
        conversations.move_to_stage(conversation=conversation, stage=Stage.THANKED, now=now, on=on)
    elif message.kind == Kind.ACCEPT:
        for reminder in conversation.reminders.filter(
            kind=Reminder.Kind.REPLY, status=Reminder.Status.OPEN
        ):
            reminders.complete_reminder(reminder=reminder, now=now)


# Starting from a person --------------------------------------------------------------------


def conversation_to_compose(
    *, owner: User, person: Person, now: datetime | None = None
) -> Conversation:
    """The person's open conversation not yet asked, or a new one, to write a request in."""
    existing = (
        Conversation.objects.filter(owner=owner, person=person, stage=Stage.IDENTIFIED)
        .order_by("-created_at")
        .first()
    )
    return existing or conversations.start_conversation(owner=owner, person=person, now=now)


# The user's own templates ------------------------------------------------------------------

TEMPLATE_FIELDS = ("name", "kind", "subject", "body")


def create_template(*, owner: User, name: str, kind: str, subject: str = "", body: str) -> Template:
    """Save a template of the user's own."""
    template = Template(
        owner=owner, name=name.strip(), kind=kind, subject=subject.strip(), body=body
    )
    template.full_clean()
    template.save()
    return template


def update_template(*, template: Template, **fields: str) -> Template:
    """Change a template's name, kind, subject or body."""
    for key, value in fields.items():
        if key in TEMPLATE_FIELDS:
            setattr(template, key, value if key == "body" else value.strip())
    template.full_clean()
    template.save()
    return template


def delete_template(*, template: Template) -> None:
    """Delete a template; messages written from it keep their text."""
    template.delete()


# AI ----------------------------------------------------------------------------------------


def rewrite_draft(
    *,
    conversation: Conversation,
    kind: str,
    to_email: str = "",
    subject: str = "",
    body: str = "",
    key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> tuple[Message, ai.Rewrite]:
    """Ask the user's AI endpoint to rewrite the body; keep the result (or the text as it was)
    as the draft. Nothing is sent: the user reads it, and the lint runs on it, first."""
    result = ai.rewrite(
        outreach_settings=queries.settings_for(conversation.owner),
        kind=kind,
        body=body,
        minutes=conversation.owner.meeting_minutes,
    )
    message = save_draft(
        conversation=conversation,
        kind=kind,
        to_email=to_email,
        subject=subject,
        body=result.body,
        ai_assisted=result.ok,
        key=key,
        now=now,
    )
    return message, result
