"""Tools that write: drafts (never sent) and their lint, notes, captures, stage moves, times
offered."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from django.urls import reverse
from pydantic import Field

from coffeechat.accounts.models import User
from coffeechat.conversations import queries as conversation_queries
from coffeechat.conversations import services as conversation_services
from coffeechat.conversations.forms import NoteForm, StageForm
from coffeechat.conversations.models import Conversation, Reminder
from coffeechat.mcpserver.tools.common import (
    SHOWN_PER_PERSON,
    ConversationId,
    KindName,
    Result,
    StageName,
    ToolProblem,
    conversation_by_id,
    conversation_row,
    form_problem,
    link,
    person_by_id,
    reminder_row,
    when,
)
from coffeechat.outreach import drafting, gate, lint
from coffeechat.outreach import queries as outreach_queries
from coffeechat.outreach import services as outreach_services
from coffeechat.outreach.forms import ComposeForm
from coffeechat.prep import services as prep_services
from coffeechat.prep.forms import CaptureForm
from coffeechat.scheduling import replies
from coffeechat.scheduling import services as scheduling_services
from coffeechat.scheduling.forms import SlotsForm


def _findings(conversation: Conversation, kind: str, subject: str, body: str) -> Result:
    findings = gate.lint_message(conversation=conversation, kind=kind, subject=subject, body=body)
    rows = [
        {
            "rule": f.rule,
            "severity": f.severity,
            "field": f.field,
            "message": f.message,
            "why": f.why,
            "excerpt": (subject if f.field == "subject" else body)[f.start : f.end],
        }
        for f in findings
    ]
    unfilled = [
        {"placeholder": token, "meaning": drafting.PLACEHOLDERS.get(token.strip("{}"), "")}
        for token in drafting.unfilled(f"{subject}\n{body}")
    ]
    return {
        "findings": rows,
        "has_errors": any(f.is_error for f in findings),
        "words": lint.word_count(body),
        "characters": len(body.rstrip()),
        "unfilled_placeholders": unfilled,
    }


# Writing (drafts only: nothing here sends) ----------------------------------------------------


def draft_message(
    owner: User,
    *,
    conversation_id: Annotated[
        int | None, Field(description="The conversation to write in.")
    ] = None,
    person_id: Annotated[
        int | None,
        Field(
            description="Instead of a conversation: the person to write a first "
            "request to (their conversation is found or started)."
        ),
    ] = None,
    kind: Annotated[
        KindName | None,
        Field(
            description="What to write; empty means what the conversation needs next "
            "(request, follow_up, accept, thank_you)."
        ),
    ] = None,
    body: Annotated[
        str | None,
        Field(
            description="Your text. Empty: start from the saved draft, or the "
            "built-in template filled from the person and the user."
        ),
    ] = None,
    subject: Annotated[str | None, Field(description="Email subject.")] = None,
    to_email: Annotated[
        str | None, Field(description="Recipient address; empty: the person's.")
    ] = None,
) -> Result:
    if conversation_id is not None:
        conversation = conversation_by_id(owner, conversation_id)
    elif person_id is not None:
        conversation = outreach_services.conversation_to_compose(
            owner=owner, person=person_by_id(owner, person_id)
        )
    else:
        raise ToolProblem("Give a conversation_id or a person_id.")
    chosen = kind or outreach_services.default_kind(conversation)
    draft = outreach_queries.draft_of(conversation, chosen)
    if body is None and draft is None:
        start_subject, start_body = outreach_services.prefill(
            conversation=conversation, kind=chosen
        )
    else:
        start_subject, start_body = (draft.subject, draft.body) if draft else ("", "")
    to_default = draft.to_email if draft else conversation.person.email
    form = ComposeForm(
        kind=chosen,
        lint_url="",
        data={
            "kind": chosen,
            "to_email": to_email if to_email is not None else to_default,
            "subject": subject if subject is not None else start_subject,
            "body": body if body is not None else start_body,
        },
    )
    if not form.is_valid():
        raise form_problem(form)
    text = form.text()
    message = outreach_services.save_draft(conversation=conversation, **text)
    return {
        "draft_id": message.pk,
        "conversation_id": conversation.pk,
        "kind": chosen,
        "to_email": message.to_email,
        "subject": message.subject,
        "body": message.body,
        **_findings(conversation, chosen, message.subject, message.body),
        "sent": False,
        "next_step": "Saved as a draft; nothing was sent. The user reviews and sends it "
        "from the composer in coffeechat.",
        "url": link(f"{reverse('outreach:compose', args=[conversation.pk])}?kind={kind}"),
    }


def lint_message(
    owner: User,
    *,
    conversation_id: ConversationId,
    kind: Annotated[KindName, Field(description="What the text is.")],
    body: Annotated[str, Field(description="The message text.")],
    subject: Annotated[str, Field(description="Email subject.")] = "",
) -> Result:
    conversation = conversation_by_id(owner, conversation_id)
    return {
        "conversation_id": conversation.pk,
        "kind": kind,
        **_findings(conversation, kind, subject, body),
    }


def record_note(
    owner: User,
    *,
    text: Annotated[str, Field(description="The note, in the user's words.")],
    person_id: Annotated[int | None, Field(description="The person it is about.")] = None,
    conversation_id: Annotated[
        int | None, Field(description="Or the conversation it belongs to.")
    ] = None,
) -> Result:
    form = NoteForm(data={"body": text})
    if not form.is_valid():
        raise form_problem(form)
    if conversation_id is not None:
        found = conversation_by_id(owner, conversation_id)
        conversation: Conversation | None = found
        person = found.person
    elif person_id is not None:
        conversation, person = None, person_by_id(owner, person_id)
    else:
        raise ToolProblem("Give a person_id or a conversation_id.")
    note = conversation_services.add_note(
        person=person, conversation=conversation, body=form.cleaned_data["body"]
    )
    return {
        "note_id": note.pk,
        "person_id": person.pk,
        "conversation_id": note.conversation_id,
        "written_at": when(note.created_at, owner),
    }


def record_capture(
    owner: User,
    *,
    conversation_id: ConversationId,
    kind: Annotated[
        Literal["insight", "advice", "resource"],
        Field(
            description="insight: how things are; advice: what they suggest the "
            "user do; resource: a book, site, course or event."
        ),
    ],
    text: Annotated[str, Field(description="What they said.")],
) -> Result:
    conversation = conversation_by_id(owner, conversation_id)
    form = CaptureForm(data={"kind": kind, "text": text})
    if not form.is_valid():
        raise form_problem(form)
    capture = prep_services.add_capture(conversation=conversation, **form.cleaned_data)
    return {
        "capture_id": capture.pk,
        "conversation_id": conversation.pk,
        "kind": capture.kind,
        "text": capture.text,
    }


def move_stage(
    owner: User,
    *,
    conversation_id: ConversationId,
    stage: Annotated[StageName, Field(description="The stage to move to.")],
    on: Annotated[
        date | None,
        Field(
            description="The day it happened (YYYY-MM-DD), if not today; the "
            "method's timers count from it."
        ),
    ] = None,
) -> Result:
    conversation = conversation_by_id(owner, conversation_id)
    form = StageForm(data={"stage": stage, "on": on.isoformat() if on else ""})
    if not form.is_valid():
        raise form_problem(form)
    conversation_services.move_to_stage(
        conversation=conversation, stage=form.cleaned_data["stage"], on=form.cleaned_data["on"]
    )
    return {
        **conversation_row(conversation),
        "can_move_to": [s.value for s in conversation.moves()],
        "open_reminders": [
            reminder_row(r, owner)
            for r in conversation_queries.reminders_of(conversation)
            .select_related("conversation__person__organization")
            .filter(status=Reminder.Status.OPEN)[:SHOWN_PER_PERSON]
        ],
    }


def offer_times(
    owner: User,
    *,
    conversation_id: ConversationId,
    times: Annotated[
        list[str],
        Field(
            min_length=2,
            max_length=3,
            description="Two or three start times on the user's clock, 'YYYY-MM-DDTHH:MM'.",
        ),
    ],
    mode: Annotated[
        Literal["video", "phone", "in_person"], Field(description="How you'll meet.")
    ] = "video",
    minutes: Annotated[
        int | None,
        Field(ge=15, le=45, description="Length; empty: the user's default (30 in person)."),
    ] = None,
    place: Annotated[
        str, Field(description="Café, phone number or video link; needed in person.")
    ] = "",
) -> Result:
    conversation = conversation_by_id(owner, conversation_id)
    data = {"offer-mode": mode, "offer-minutes": minutes or "", "offer-place": place}
    data.update({f"offer-slot_{n}": value for n, value in enumerate(times, start=1)})
    form = SlotsForm(data=data, owner=owner, prefix="offer")
    if not form.is_valid():
        raise form_problem(form)
    clean = form.cleaned_data
    slots = scheduling_services.propose_slots(
        conversation=conversation,
        starts=form.starts(),
        minutes=clean["minutes"],
        mode=clean["mode"],
        place=clean["place"],
    )
    return {
        "conversation_id": conversation.pk,
        "offered": [
            {
                "id": s.pk,
                "starts_at": when(s.starts_at, owner),
                "minutes": s.minutes,
                "mode": s.mode,
            }
            for s in slots
        ],
        "reply": replies.scheduling_reply(owner=owner, person=conversation.person, slots=slots),
        "sent": False,
        "next_step": "The times are kept on the conversation; the reply is ready for the "
        "user to send. Nothing was sent.",
    }
