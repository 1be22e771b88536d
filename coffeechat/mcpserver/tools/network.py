"""Tools that read the network: people, organizations, one person, one conversation."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import QuerySet
from pydantic import Field

from coffeechat.accounts.models import User
from coffeechat.conversations import queries as conversation_queries
from coffeechat.conversations.models import Reminder
from coffeechat.mcpserver.tools.common import (
    NOTE_CHARS,
    SHOWN_PER_PERSON,
    ConversationId,
    Limit,
    Result,
    StageName,
    conversation_by_id,
    conversation_row,
    link,
    meeting_row,
    person_by_id,
    person_row,
    reminder_row,
    when,
)
from coffeechat.network import queries as network_queries
from coffeechat.outreach import queries as outreach_queries
from coffeechat.outreach import services as outreach_services
from coffeechat.prep import queries as prep_queries
from coffeechat.scheduling import queries as scheduling_queries

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
    return {"total": people.count(), "people": [person_row(p) for p in people[:limit]]}


def search_organizations(
    owner: User,
    *,
    query: Annotated[
        str, Field(description="Part of a name, industry or location. Empty lists all.")
    ] = "",
    limit: Limit = 10,
) -> Result:
    # Annotated with people_count.
    organizations: QuerySet[Any] = network_queries.organizations_for(owner, search=query.strip())
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
    person = person_by_id(owner, person_id)
    conversations = list(
        conversation_queries.conversations_of(person).select_related("person")[:SHOWN_PER_PERSON]
    )
    notes = list(conversation_queries.notes_of(person)[:SHOWN_PER_PERSON])
    introductions = network_queries.introductions_for(person)
    return {
        **person_row(person),
        "phone": person.phone,
        "linkedin_url": person.linkedin_url,
        "met_at": person.met_at,
        "segment": person.segment,
        "tags": [t.name for t in person.tags.all()],
        "about": person.notes[:NOTE_CHARS],
        "last_touch_at": when(person.last_touch_at, owner),
        "introduced_by": [e.introducer.full_name for e in introductions["by"]],
        "introduced": [e.introduced.full_name for e in introductions["made"]],
        "conversations": [conversation_row(c) for c in conversations],
        "notes": [
            {
                "id": n.pk,
                "written_at": when(n.created_at, owner),
                "conversation_id": n.conversation_id,
                "text": n.body[:NOTE_CHARS],
            }
            for n in notes
        ],
        "url": link(person.get_absolute_url()),
    }


def show_conversation(owner: User, *, conversation_id: ConversationId) -> Result:
    conversation = conversation_by_id(owner, conversation_id)
    return {
        **conversation_row(conversation),
        "organization": (
            conversation.person.organization.name if conversation.person.organization else ""
        ),
        "contacted_at": when(conversation.contacted_at, owner),
        "replied_at": when(conversation.replied_at, owner),
        "can_move_to": [s.value for s in conversation.moves()],
        "next_message_kind": outreach_services.default_kind(conversation),
        "reminders": [
            reminder_row(r, owner)
            for r in conversation_queries.reminders_of(conversation)
            .select_related("conversation__person__organization")
            .filter(status=Reminder.Status.OPEN)[:SHOWN_PER_PERSON]
        ],
        "meetings": [
            meeting_row(m, owner)
            for m in scheduling_queries.meetings_of(conversation).select_related(
                "conversation__person"
            )[:SHOWN_PER_PERSON]
        ],
        "times_offered": [
            {
                "id": s.pk,
                "starts_at": when(s.starts_at, owner),
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
                "sent_at": when(m.sent_at, owner),
            }
            for m in outreach_queries.messages_of(conversation)[:SHOWN_PER_PERSON]
        ],
        "captures": [
            {"kind": c.kind, "text": c.text[:NOTE_CHARS]}
            for c in prep_queries.captures_of(conversation)[:SHOWN_PER_PERSON]
        ],
        "url": link(conversation.get_absolute_url()),
    }
