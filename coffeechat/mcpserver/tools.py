"""What an AI assistant may do in coffeechat: one function per MCP tool.

Each function takes the owner first and calls the same queries, forms and services as the
pages do (no rule of the method lives here): this module only chooses what to read, validates
input with the page's own form, and shapes small, capped, JSON-ready answers. Another user's
id reads as "not found", exactly like a page's 404. server.py registers these functions as
tools, with the descriptions a model reads to choose one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from pydantic import Field

from coffeechat.accounts.models import User
from coffeechat.conversations import queries as conversation_queries
from coffeechat.conversations import reminders
from coffeechat.conversations import services as conversation_services
from coffeechat.conversations.forms import NoteForm, StageForm
from coffeechat.conversations.models import Conversation, Meeting, Reminder, Stage
from coffeechat.network import queries as network_queries
from coffeechat.network.models import Person
from coffeechat.outreach import drafting, gate, lint
from coffeechat.outreach import queries as outreach_queries
from coffeechat.outreach import services as outreach_services
from coffeechat.outreach.forms import ComposeForm
from coffeechat.prep import queries as prep_queries
from coffeechat.prep import services as prep_services
from coffeechat.prep.forms import CaptureForm
from coffeechat.scheduling import queries as scheduling_queries
from coffeechat.scheduling import replies, zones
from coffeechat.scheduling import services as scheduling_services
from coffeechat.scheduling.forms import SlotsForm
from coffeechat.strategy import queries as strategy_queries
from coffeechat.targets import queries as target_queries

# Lists stay small: a model reads every token of them. Callers narrow with a search instead.
MAX_LIST = 50
SHOWN_PER_PERSON = 10
NOTE_CHARS = 500

Result = dict[str, Any]
Limit = Annotated[
    int, Field(ge=1, le=MAX_LIST, description=f"At most this many rows (1-{MAX_LIST}).")
]
ConversationId = Annotated[int, Field(description="A conversation id, as other tools return it.")]
StageName = Literal[
    "identified",
    "contacted",
    "replied",
    "scheduled",
    "met",
    "thanked",
    "nurturing",
    "no_reply",
    "declined",
]
KindName = Literal[
    "request", "linkedin_note", "linkedin_message", "follow_up", "accept", "thank_you"
]


class ToolProblem(Exception):
    """A refusal the model should read and act on (not found, invalid input, wrong scope)."""


# Reading one row: another owner's id is "not found", as on the pages ------------------------


def _one[T](what: str, find: Callable[[User, int], T], owner: User, pk: int) -> T:
    try:
        return find(owner, pk)
    except Http404:
        raise ToolProblem(f"No {what} with id {pk} in your coffeechat.") from None


def _conversation(owner: User, pk: int) -> Conversation:
    return _one("conversation", conversation_queries.get_conversation, owner, pk)


def _person(owner: User, pk: int) -> Person:
    return _one("person", network_queries.get_person, owner, pk)


def _form_errors(form: Any) -> ToolProblem:
    return ToolProblem(
        " ".join(
            f"{name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
            for name, errors in form.errors.items()
        )
    )


# Shapes ---------------------------------------------------------------------------------------


def _when(moment: datetime | None, owner: User) -> str | None:
    """ISO 8601 on the owner's clock, with its offset."""
    if moment is None:
        return None
    return moment.astimezone(zones.zone_of_user(owner)).isoformat(timespec="minutes")


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _person_row(person: Person) -> Result:
    return {
        "id": person.pk,
        "name": person.full_name,
        "title": person.title,
        "organization": person.organization.name if person.organization else "",
        "organization_id": person.organization_id,
        "connection": person.connection,
        "email": person.email,
    }


def _conversation_row(conversation: Conversation) -> Result:
    return {
        "id": conversation.pk,
        "person_id": conversation.person_id,
        "person": conversation.person.full_name,
        "stage": conversation.stage,
        "stage_label": Stage(conversation.stage).label,
        "purpose": conversation.purpose,
    }


def _reminder_row(reminder: Reminder, owner: User) -> Result:
    conversation = reminder.conversation
    return {
        "id": reminder.pk,
        "title": reminder.title,
        "kind": reminder.kind,
        "due_at": _when(reminder.due_at, owner),
        "status": reminder.status,
        "conversation_id": conversation.pk,
        "person": conversation.person.full_name,
        "organization": (
            conversation.person.organization.name if conversation.person.organization else ""
        ),
    }


def _meeting_row(meeting: Meeting, owner: User) -> Result:
    return {
        "id": meeting.pk,
        "starts_at": _when(meeting.starts_at, owner),
        "minutes": meeting.minutes,
        "mode": meeting.mode,
        "place": meeting.place,
        "status": meeting.status,
        "conversation_id": meeting.conversation_id,
        "person": meeting.conversation.person.full_name,
    }


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


# The network ----------------------------------------------------------------------------------


def search_people(
    owner: User,
    *,
    query: Annotated[
        str,
        Field(
            description="Part of a name, organization, job title or email. Empty lists everyone."
        ),
    ] = "",
    stage: Annotated[
        StageName | None, Field(description="Only people with a conversation in this stage.")
    ] = None,
    limit: Limit = 10,
) -> Result:
    people = network_queries.people_for(owner, search=query.strip(), stage=stage or "")
    return {"total": people.count(), "people": [_person_row(p) for p in people[:limit]]}


def search_organizations(
    owner: User,
    *,
    query: Annotated[
        str, Field(description="Part of a name, industry or location. Empty lists all.")
    ] = "",
    limit: Limit = 10,
) -> Result:
    organizations = network_queries.organizations_for(owner, search=query.strip())
    return {
        "total": organizations.count(),
        "organizations": [
            {
                "id": o.pk,
                "name": o.name,
                "industry": o.industry,
                "location": o.location,
                "people_count": o.people_count,
            }
            for o in organizations[:limit]
        ],
    }


def show_person(
    owner: User, *, person_id: Annotated[int, Field(description="A person id from search_people.")]
) -> Result:
    person = _person(owner, person_id)
    conversations = list(
        conversation_queries.conversations_of(person).select_related("person")[:SHOWN_PER_PERSON]
    )
    notes = list(conversation_queries.notes_of(person)[:SHOWN_PER_PERSON])
    introductions = network_queries.introductions_for(person)
    return {
        **_person_row(person),
        "phone": person.phone,
        "linkedin_url": person.linkedin_url,
        "met_at": person.met_at,
        "segment": person.segment,
        "tags": [t.name for t in person.tags.all()],
        "about": person.notes[:NOTE_CHARS],
        "last_touch_at": _when(person.last_touch_at, owner),
        "introduced_by": [e.introducer.full_name for e in introductions["by"]],
        "introduced": [e.introduced.full_name for e in introductions["made"]],
        "conversations": [_conversation_row(c) for c in conversations],
        "notes": [
            {
                "id": n.pk,
                "written_at": _when(n.created_at, owner),
                "conversation_id": n.conversation_id,
                "text": n.body[:NOTE_CHARS],
            }
            for n in notes
        ],
        "url": _link(person.get_absolute_url()),
    }


def show_conversation(owner: User, *, conversation_id: ConversationId) -> Result:
    conversation = _conversation(owner, conversation_id)
    return {
        **_conversation_row(conversation),
        "organization": (
            conversation.person.organization.name if conversation.person.organization else ""
        ),
        "contacted_at": _when(conversation.contacted_at, owner),
        "replied_at": _when(conversation.replied_at, owner),
        "can_move_to": [s.value for s in conversation.moves()],
        "next_message_kind": outreach_services.default_kind(conversation),
        "reminders": [
            _reminder_row(r, owner)
            for r in conversation_queries.reminders_of(conversation)
            .select_related("conversation__person__organization")
            .filter(status=Reminder.Status.OPEN)[:SHOWN_PER_PERSON]
        ],
        "meetings": [
            _meeting_row(m, owner)
            for m in scheduling_queries.meetings_of(conversation).select_related(
                "conversation__person"
            )[:SHOWN_PER_PERSON]
        ],
        "times_offered": [
            {
                "id": s.pk,
                "starts_at": _when(s.starts_at, owner),
                "minutes": s.minutes,
                "mode": s.mode,
            }
            for s in scheduling_queries.open_proposals_of(conversation)
        ],
        "messages": [
            {
                "id": m.pk,
                "kind": m.kind,
                "status": m.status,
                "subject": m.subject,
                "sent_at": _when(m.sent_at, owner),
            }
            for m in outreach_queries.messages_of(conversation)[:SHOWN_PER_PERSON]
        ],
        "captures": [
            {"kind": c.kind, "text": c.text[:NOTE_CHARS]}
            for c in prep_queries.captures_of(conversation)[:SHOWN_PER_PERSON]
        ],
        "url": _link(conversation.get_absolute_url()),
    }


# Today and reminders --------------------------------------------------------------------------


def today_agenda(owner: User) -> Result:
    now = timezone.now()
    due = list(conversation_queries.due_reminders_for(owner, now)[:MAX_LIST])
    asking = [
        r.conversation
        for r in due
        if r.kind == Reminder.Kind.TRY_ANOTHER and r.conversation.stage == Stage.CONTACTED
    ]
    suggestions = conversation_queries.suggestions_by_conversation(owner, asking)
    rows = []
    for reminder in due:
        row = _reminder_row(reminder, owner)
        found = suggestions.get(reminder.conversation_id)
        if found is not None:  # 3B: whom to ask next at the same organization (RULE-C1, C4)
            row["ask_next"] = [_person_row(p) for p in found.people]
        rows.append(row)
    return {
        "now": _when(now, owner),
        "time_zone": owner.time_zone,
        "overdue": [r for r, rem in zip(rows, due, strict=True) if rem.due_at < now],
        "due_today": [r for r, rem in zip(rows, due, strict=True) if rem.due_at >= now],
        "meetings_today": [
            _meeting_row(m, owner)
            for m in conversation_queries.meetings_today_for(owner, now)[:MAX_LIST]
        ],
        "coming_week": [
            _reminder_row(r, owner)
            for r in conversation_queries.upcoming_reminders_for(owner, now)[:MAX_LIST]
        ],
        "conversations_by_stage": conversation_queries.stage_counts_for(owner),
    }


def list_reminders(
    owner: User,
    *,
    period: Annotated[
        Literal["due", "upcoming"],
        Field(
            description="'due': overdue and due by the end of today; 'upcoming': "
            "due after today, within `days`."
        ),
    ] = "due",
    days: Annotated[
        int, Field(ge=1, le=60, description="For 'upcoming': how many days ahead.")
    ] = 7,
    limit: Limit = 20,
) -> Result:
    now = timezone.now()
    reminders = (
        conversation_queries.due_reminders_for(owner, now)
        if period == "due"
        else conversation_queries.upcoming_reminders_for(owner, now, days=days)
    )
    return {"reminders": [_reminder_row(r, owner) for r in reminders[:limit]]}


def complete_reminder(
    owner: User,
    *,
    reminder_id: Annotated[int, Field(description="A reminder id.")],
    dismiss: Annotated[
        bool, Field(description="True to put it away without doing it, instead of marking it done.")
    ] = False,
) -> Result:
    reminder = _one("reminder", conversation_queries.get_reminder, owner, reminder_id)
    if dismiss:
        reminders.dismiss_reminder(reminder=reminder)
    else:
        reminders.complete_reminder(reminder=reminder)
    return _reminder_row(reminder, owner)


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
        conversation = _conversation(owner, conversation_id)
    elif person_id is not None:
        conversation = outreach_services.conversation_to_compose(
            owner=owner, person=_person(owner, person_id)
        )
    else:
        raise ToolProblem("Give a conversation_id or a person_id.")
    kind = kind or outreach_services.default_kind(conversation)
    draft = outreach_queries.draft_of(conversation, kind)
    if body is None and draft is None:
        start_subject, start_body = outreach_services.prefill(conversation=conversation, kind=kind)
    else:
        start_subject, start_body = (draft.subject, draft.body) if draft else ("", "")
    to_default = draft.to_email if draft else conversation.person.email
    form = ComposeForm(
        kind=kind,
        lint_url="",
        data={
            "kind": kind,
            "to_email": to_email if to_email is not None else to_default,
            "subject": subject if subject is not None else start_subject,
            "body": body if body is not None else start_body,
        },
    )
    if not form.is_valid():
        raise _form_errors(form)
    text = form.text()
    message = outreach_services.save_draft(conversation=conversation, **text)
    return {
        "draft_id": message.pk,
        "conversation_id": conversation.pk,
        "kind": kind,
        "to_email": message.to_email,
        "subject": message.subject,
        "body": message.body,
        **_findings(conversation, kind, message.subject, message.body),
        "sent": False,
        "next_step": "Saved as a draft; nothing was sent. The user reviews and sends it "
        "from the composer in coffeechat.",
        "url": _link(f"{reverse('outreach:compose', args=[conversation.pk])}?kind={kind}"),
    }


def lint_message(
    owner: User,
    *,
    conversation_id: ConversationId,
    kind: Annotated[KindName, Field(description="What the text is.")],
    body: Annotated[str, Field(description="The message text.")],
    subject: Annotated[str, Field(description="Email subject.")] = "",
) -> Result:
    conversation = _conversation(owner, conversation_id)
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
        raise _form_errors(form)
    if conversation_id is not None:
        conversation: Conversation | None = _conversation(owner, conversation_id)
        person = conversation.person
    elif person_id is not None:
        conversation, person = None, _person(owner, person_id)
    else:
        raise ToolProblem("Give a person_id or a conversation_id.")
    note = conversation_services.add_note(
        person=person, conversation=conversation, body=form.cleaned_data["body"]
    )
    return {
        "note_id": note.pk,
        "person_id": person.pk,
        "conversation_id": note.conversation_id,
        "written_at": _when(note.created_at, owner),
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
    conversation = _conversation(owner, conversation_id)
    form = CaptureForm(data={"kind": kind, "text": text})
    if not form.is_valid():
        raise _form_errors(form)
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
    conversation = _conversation(owner, conversation_id)
    form = StageForm(data={"stage": stage, "on": on.isoformat() if on else ""})
    if not form.is_valid():
        raise _form_errors(form)
    conversation_services.move_to_stage(
        conversation=conversation, stage=form.cleaned_data["stage"], on=form.cleaned_data["on"]
    )
    return {
        **_conversation_row(conversation),
        "can_move_to": [s.value for s in conversation.moves()],
        "open_reminders": [
            _reminder_row(r, owner)
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
    conversation = _conversation(owner, conversation_id)
    data = {"offer-mode": mode, "offer-minutes": minutes or "", "offer-place": place}
    data.update({f"offer-slot_{n}": value for n, value in enumerate(times, start=1)})
    form = SlotsForm(data=data, owner=owner, prefix="offer")
    if not form.is_valid():
        raise _form_errors(form)
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
                "starts_at": _when(s.starts_at, owner),
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


# Targets and strategy -------------------------------------------------------------------------


def target_list(owner: User, *, limit: Limit = 20) -> Result:
    batch = target_queries.batch_ids(owner)
    counts = target_queries.counts_for(owner)
    rows = target_queries.with_states(target_queries.targets_for(owner)[:limit], batch)
    return {
        "total": counts.total,
        "goal": counts.goal,
        "unrated": counts.unrated,
        "by_source": counts.by_source,
        "targets": [
            {
                "id": t.pk,
                "organization": t.organization.name,
                "organization_id": t.organization_id,
                "motivation": t.motivation,
                "posting": t.posting,
                "advocacy": "Y" if t.advocacy else "N",
                "people_known": t.people_count,
                "status": t.status,
                "state": t.state,
                "in_top_five": t.in_batch,
            }
            for t in rows
        ],
        "rerate_after_conversations": [
            t.organization.name for t in target_queries.rerate_due(owner, limit=5)
        ],
    }


def strategy_themes(
    owner: User,
    *,
    limit: Limit = 10,
    kind: Annotated[
        Literal["", "advice", "skill", "resource", "organization", "person", "topic"],
        Field(description="Only themes of this kind; empty for all."),
    ] = "",
) -> Result:
    still_reading = strategy_queries.refresh_themes(owner)
    rows = strategy_queries.themes_for(owner, limit=limit, kind=kind, per_theme=2)
    return {
        "themes": [
            {
                "id": row.theme.pk,
                "name": row.theme.name,
                "kind": row.theme.kind,
                "people_count": row.theme.people_count,
                "confirmed_at": _when(row.theme.confirmed_at, owner),
                "said": [
                    {
                        "person": m.person.full_name,
                        "excerpt": m.excerpt,
                        "said_at": _when(m.said_at, owner),
                    }
                    for m in row.sources
                ],
            }
            for row in rows
        ],
        "still_reading_older_notes": still_reading,
    }
