"""Writes for outreach: drafts, sending (or recording a send) and templates.

A draft becomes a sent message in one of two ways: `send_draft` queues it for delivery by email
(delivery.py), `mark_sent_elsewhere` records that the user sent it from their own mail or
LinkedIn. Sending passes the gate (gate.py: the lint's errors, each overridable by its rule id; the daily
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
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from coffeechat.accounts.models import User
from coffeechat.conversations import reminders
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Conversation, Reminder, Stage
from coffeechat.lib.clock import current_time
from coffeechat.network.models import Person
from coffeechat.outreach import ai, delivery, drafting, lint, lint_findings, mailer, queries
from coffeechat.outreach.gate import (
    AlreadySent,
    check_sendable,
    check_server_mail_caps,
    lint_message,
    pass_gate,
)
from coffeechat.outreach.models import (
    Message,
    MessageKind,
    OutreachSettings,
    Template,
)
from coffeechat.prep import thank_you

Kind = MessageKind
Status = Message.Status
# Email goes through delivery.py; LinkedIn messages are only ever sent by the user.
EMAIL_KINDS = frozenset(delivery.EMAIL_KINDS)


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

    The built-in thank-you is written from the conversation's notes (prep.thank_you.thank_you_draft).
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
            return thank_you.thank_you_draft(conversation, now=now)
        subject, body = builtin.subject, builtin.body
    return drafting.render(subject, body, facts_for(conversation, now=now))


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
        if key is None:  # a fresh uuid4 never collides: something else is wrong
            raise
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
    overridden = pass_gate(message, overrides, acknowledge_budget, now)
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
            check_server_mail_caps(message.owner, now)
        _record_overrides(message, overridden, now)
        _advance(message, now=now)
    message.refresh_from_db()
    return message


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
    check_sendable(message, already_sent=True)
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


def _record_findings(
    message: Message, findings: list[lint_findings.Finding], when: datetime
) -> None:
    """The lint's findings on a message sent elsewhere, as warnings on the timeline."""
    noted = list(dict.fromkeys(f"{f.rule} ({f.message.rstrip('.')})" for f in findings))
    conversations.log_activity(
        person=message.conversation.person,
        conversation=message.conversation,
        action="outreach.lint_noted",
        when=when,
        message_id=message.pk,
        findings=[{**f.as_dict(), "severity": lint_findings.WARNING} for f in findings],
        summary=f"Warnings on the {message.get_kind_display().lower()} you sent: "
        + "; ".join(noted),
    )


def _where(message: Message) -> str:
    return "from your own mail" if message.kind in EMAIL_KINDS else "on LinkedIn"


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
