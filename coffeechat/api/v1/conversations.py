"""Conversations and what hangs off them: stage moves, meetings, reminders, drafts with
their lint findings, captures (coffeechat.conversations, .outreach, .prep, .scheduling).

Nothing here sends a message: drafts are saved and linted, and sending stays in the
composer, where the person sees what goes out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Router, Schema
from ninja.decorators import decorate_view
from ninja.responses import Status
from pydantic import Field

from coffeechat.api.v1.common import (
    MAX_ID,
    MAX_PAGE,
    Body5000,
    Day,
    Instant,
    LongText,
    Number,
    Page,
    Text200,
    Text254,
    Text300,
    answers,
    body_id_doc,
    idempotent,
    owner_of,
    page_of,
    with_etag,
)
from coffeechat.conversations import meetings, queries, reminders, services, today
from coffeechat.conversations.models import Conversation, Meeting, Reminder, Stage
from coffeechat.network import queries as network_queries
from coffeechat.outreach import gate
from coffeechat.outreach import queries as outreach_queries
from coffeechat.outreach import services as outreach_services
from coffeechat.outreach.models import Message, MessageKind
from coffeechat.prep import queries as prep_queries
from coffeechat.prep import services as prep_services
from coffeechat.prep.models import Capture
from coffeechat.scheduling import queries as scheduling_queries

router = Router()

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Limit = Annotated[int, Field(ge=1, le=MAX_PAGE, description="Items per page (1-100).")]
StageName = Stage
Kind = MessageKind


class PersonRef(Schema):
    id: int
    full_name: str


class ConversationOut(Schema):
    id: int
    person: PersonRef
    purpose: str
    stage: str
    stage_changed_at: datetime
    contacted_at: datetime | None
    replied_at: datetime | None
    follow_up_sent_at: datetime | None
    closed_at: datetime | None
    can_follow_up: bool
    created_at: datetime


class ConversationIn(Schema):
    person_id: Annotated[int, body_id_doc("One of your people.")]
    purpose: Text200 = ""


class ConversationsPage(Page):
    items: list[ConversationOut]


class MoveIn(Schema):
    stage: StageName
    on: Day | None = Field(
        None,
        description="The day it really happened (your calendar); "
        "timers count from it. Default: today.",
    )


# /api/v1/conversations
@router.get("/conversations", response=answers(ConversationsPage), tags=["conversations"])
@decorate_view(with_etag)
def list_conversations(
    request: HttpRequest,
    stage: StageName | None = None,
    person_id: Annotated[int | None, Field(ge=1, le=MAX_ID)] = None,
    cursor: Text200 | None = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    conversations = queries.conversations_for(
        owner_of(request), stage=stage or "", person_id=person_id
    )
    return page_of(conversations, cursor, limit)


@router.post("/conversations", response=answers(ConversationOut, 201), tags=["conversations"])
@decorate_view(idempotent)
def create_conversation(request: HttpRequest, payload: ConversationIn) -> Status[Conversation]:
    """Start a conversation with one of your people (anyone else's person is not found)."""
    owner = owner_of(request)
    person = network_queries.get_person(owner, payload.person_id)
    conversation = services.start_conversation(owner=owner, person=person, purpose=payload.purpose)
    return Status(201, conversation)


@router.get(
    "/conversations/{conversation_id}", response=answers(ConversationOut), tags=["conversations"]
)
@decorate_view(with_etag)
def get_conversation(request: HttpRequest, conversation_id: Id) -> Conversation:
    return queries.get_conversation(owner_of(request), conversation_id)


@router.post(
    "/conversations/{conversation_id}/move",
    response=answers(ConversationOut),
    tags=["conversations"],
)
def move_conversation(request: HttpRequest, conversation_id: Id, payload: MoveIn) -> Conversation:
    """Move to a stage, as on the board: reminders are re-planned the same way."""
    conversation = queries.get_conversation(owner_of(request), conversation_id)
    return services.move_to_stage(conversation=conversation, stage=payload.stage, on=payload.on)


@router.post(
    "/conversations/{conversation_id}/follow-up",
    response=answers(ConversationOut),
    tags=["conversations"],
)
def record_follow_up(request: HttpRequest, conversation_id: Id) -> Conversation:
    """Note that the one follow-up went out (never a second)."""
    conversation = queries.get_conversation(owner_of(request), conversation_id)
    return services.record_follow_up(conversation=conversation)


# Meetings ------------------------------------------------------------------------------------


class MeetingOut(Schema):
    id: int
    conversation_id: int
    starts_at: datetime
    minutes: int
    mode: str
    place: str
    status: str
    held_at: datetime | None


class MeetingIn(Schema):
    starts_at: Instant = Field(description="With its offset, e.g. 2026-03-02T10:00:00+01:00.")
    minutes: Number = Field(20, ge=5, le=480)
    mode: Meeting.Mode = Meeting.Mode.VIDEO
    place: Text200 = ""


# /api/v1/conversations/{id}/meetings
@router.get(
    "/conversations/{conversation_id}/meetings",
    response=answers(list[MeetingOut]),
    tags=["meetings"],
)
@decorate_view(with_etag)
def list_meetings(request: HttpRequest, conversation_id: Id) -> Any:
    conversation = queries.get_conversation(owner_of(request), conversation_id)
    return scheduling_queries.meetings_of(conversation)


@router.post(
    "/conversations/{conversation_id}/meetings",
    response=answers(MeetingOut, 201),
    tags=["meetings"],
)
@decorate_view(idempotent)
def schedule_meeting(
    request: HttpRequest, conversation_id: Id, payload: MeetingIn
) -> Status[Meeting]:
    """Plan the meeting they agreed to; the conversation moves to scheduled."""
    conversation = queries.get_conversation(owner_of(request), conversation_id)
    return Status(201, meetings.schedule_meeting(conversation=conversation, **payload.dict()))


@router.get("/meetings", response=answers(list[MeetingOut]), tags=["meetings"])
@decorate_view(with_etag)
def upcoming_meetings(request: HttpRequest) -> Any:
    """Your next 100 planned meetings, soonest first."""
    return today.upcoming_meetings_for(owner_of(request), timezone.now())[:100]


# Reminders -----------------------------------------------------------------------------------


class ReminderOut(Schema):
    id: int
    conversation_id: int
    person: PersonRef = Field(alias="conversation.person")
    kind: str
    title: str
    due_at: datetime
    status: str
    resolved_at: datetime | None


class RemindersPage(Page):
    items: list[ReminderOut]


class SnoozeIn(Schema):
    until: Instant = Field(description="When it is due again, with its offset.")


# /api/v1/reminders
@router.get("/reminders", response=answers(RemindersPage), tags=["reminders"])
@decorate_view(with_etag)
def list_reminders(
    request: HttpRequest,
    status: Reminder.Status = Reminder.Status.OPEN,
    cursor: Text200 | None = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """Your reminders (open ones by default), in id order; each has its due time."""
    return page_of(queries.reminders_for(owner_of(request), status=status), cursor, limit)


@router.post("/reminders/{reminder_id}/complete", response=answers(ReminderOut), tags=["reminders"])
def complete_reminder(request: HttpRequest, reminder_id: Id) -> Reminder:
    """Done (twice is still once); a keep-in-touch reminder comes round again."""
    reminder = queries.get_reminder(owner_of(request), reminder_id)
    return reminders.complete_reminder(reminder=reminder)


@router.post("/reminders/{reminder_id}/dismiss", response=answers(ReminderOut), tags=["reminders"])
def dismiss_reminder(request: HttpRequest, reminder_id: Id) -> Reminder:
    reminder = queries.get_reminder(owner_of(request), reminder_id)
    return reminders.dismiss_reminder(reminder=reminder)


@router.post("/reminders/{reminder_id}/snooze", response=answers(ReminderOut), tags=["reminders"])
def snooze_reminder(request: HttpRequest, reminder_id: Id, payload: SnoozeIn) -> Reminder:
    reminder = queries.get_reminder(owner_of(request), reminder_id)
    return reminders.snooze_reminder(reminder=reminder, until=payload.until)


# Messages and drafts -------------------------------------------------------------------------


class FindingOut(Schema):
    rule: str = Field(description="The method's rule id, e.g. E3 or LI1.")
    severity: str = Field(description="error (blocks sending unless overridden) or warning")
    field: str
    start: int
    end: int
    message: str
    why: str


class MessageOut(Schema):
    id: int
    conversation_id: int
    kind: str
    status: str
    to_email: str
    subject: str
    body: str
    sent_at: datetime | None
    updated_at: datetime


class DraftIn(Schema):
    kind: Kind
    to_email: Text254 = ""
    subject: Text300 = ""
    body: LongText = ""


class LintIn(Schema):
    kind: Kind
    subject: Text300 = ""
    body: LongText = ""


class DraftOut(Schema):
    draft: MessageOut | None = Field(description="The saved draft (null: a suggested text).")
    kind: str
    to_email: str
    subject: str
    body: str
    findings: list[FindingOut]


def _findings(conversation: Conversation, kind: str, subject: str, body: str) -> list[dict]:
    return [
        finding.as_dict()
        for finding in gate.lint_message(
            conversation=conversation, kind=kind, subject=subject, body=body
        )
    ]


def _draft_out(
    conversation: Conversation,
    kind: str,
    draft: Message | None,
    to_email: str,
    subject: str,
    body: str,
) -> dict[str, Any]:
    return {
        "draft": draft,
        "kind": kind,
        "to_email": to_email,
        "subject": subject,
        "body": body,
        "findings": _findings(conversation, kind, subject, body),
    }


# /api/v1/conversations/{id}/messages
@router.get(
    "/conversations/{conversation_id}/messages",
    response=answers(list[MessageOut]),
    tags=["messages"],
)
@decorate_view(with_etag)
def list_messages(request: HttpRequest, conversation_id: Id) -> Any:
    """Drafts and sent messages of the conversation."""
    conversation = queries.get_conversation(owner_of(request), conversation_id)
    return outreach_queries.messages_of(conversation)


@router.get(
    "/conversations/{conversation_id}/drafts/{kind}", response=answers(DraftOut), tags=["messages"]
)
def get_draft(request: HttpRequest, conversation_id: Id, kind: Kind) -> dict[str, Any]:
    """The saved draft of this kind, or the composer's suggested text, with lint findings."""
    conversation = queries.get_conversation(owner_of(request), conversation_id)
    draft = outreach_queries.draft_of(conversation, kind)
    if draft is not None:
        return _draft_out(conversation, kind, draft, draft.to_email, draft.subject, draft.body)
    subject, body = outreach_services.prefill(conversation=conversation, kind=kind)
    return _draft_out(conversation, kind, None, conversation.person.email, subject, body)


@router.post(
    "/conversations/{conversation_id}/drafts", response=answers(DraftOut), tags=["messages"]
)
def keep_draft(request: HttpRequest, conversation_id: Id, payload: DraftIn) -> dict[str, Any]:
    """Save the conversation's draft of this kind (one per kind) and lint it. Never sends."""
    conversation = queries.get_conversation(owner_of(request), conversation_id)
    draft = outreach_services.save_draft(conversation=conversation, **payload.dict())
    return _draft_out(conversation, draft.kind, draft, draft.to_email, draft.subject, draft.body)


@router.post(
    "/conversations/{conversation_id}/lint", response=answers(list[FindingOut]), tags=["messages"]
)
def lint(request: HttpRequest, conversation_id: Id, payload: LintIn) -> list[dict]:
    """The composer's lint of a text, without saving anything (method.md RULE-E1..E11)."""
    conversation = queries.get_conversation(owner_of(request), conversation_id)
    return _findings(conversation, payload.kind, payload.subject, payload.body)


# Captures ------------------------------------------------------------------------------------


class CaptureOut(Schema):
    id: int
    conversation_id: int
    kind: str
    text: str
    referred_id: int | None
    created_at: datetime


class CaptureIn(Schema):
    kind: Literal["insight", "advice", "resource"] = Field(
        description="Referrals create a person: add them in the conversation page."
    )
    text: Body5000


# /api/v1/conversations/{id}/captures
@router.get(
    "/conversations/{conversation_id}/captures", response=answers(list[CaptureOut]), tags=["notes"]
)
@decorate_view(with_etag)
def list_captures(request: HttpRequest, conversation_id: Id) -> Any:
    """What they said worth keeping: insights, advice, resources, referrals."""
    conversation = queries.get_conversation(owner_of(request), conversation_id)
    return prep_queries.captures_of(conversation)


@router.post(
    "/conversations/{conversation_id}/captures", response=answers(CaptureOut, 201), tags=["notes"]
)
@decorate_view(idempotent)
def create_capture(
    request: HttpRequest, conversation_id: Id, payload: CaptureIn
) -> Status[Capture]:
    conversation = queries.get_conversation(owner_of(request), conversation_id)
    capture = prep_services.add_capture(
        conversation=conversation, kind=payload.kind, text=payload.text
    )
    return Status(201, capture)
