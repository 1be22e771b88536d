"""What every tool shares: the limits that keep answers small, the refusal a model reads
(ToolProblem), finding one of the owner's rows (another owner's id is "not found", as on the
pages) and the shapes of rows several tools return."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal

from django.conf import settings
from django.http import Http404
from pydantic import Field

from coffeechat.accounts.models import User
from coffeechat.conversations import queries as conversation_queries
from coffeechat.conversations.models import Conversation, Meeting, Reminder, Stage
from coffeechat.network import queries as network_queries
from coffeechat.network.models import Person
from coffeechat.scheduling import zones

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


def find_one[T](what: str, find: Callable[[User, int], T], owner: User, pk: int) -> T:
    try:
        return find(owner, pk)
    except Http404:
        raise ToolProblem(f"No {what} with id {pk} in your coffeechat.") from None


def conversation_by_id(owner: User, pk: int) -> Conversation:
    return find_one("conversation", conversation_queries.get_conversation, owner, pk)


def person_by_id(owner: User, pk: int) -> Person:
    return find_one("person", network_queries.get_person, owner, pk)


def form_problem(form: Any) -> ToolProblem:
    return ToolProblem(
        " ".join(
            f"{name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
            for name, errors in form.errors.items()
        )
    )


# Shapes ---------------------------------------------------------------------------------------


def when(moment: datetime | None, owner: User) -> str | None:
    """ISO 8601 on the owner's clock, with its offset."""
    if moment is None:
        return None
    return moment.astimezone(zones.zone_of_user(owner)).isoformat(timespec="minutes")


def link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def person_row(person: Person) -> Result:
    return {
        "id": person.pk,
        "name": person.full_name,
        "title": person.title,
        "organization": person.organization.name if person.organization else "",
        "organization_id": person.organization_id,
        "connection": person.connection,
        "email": person.email,
    }


def conversation_row(conversation: Conversation) -> Result:
    return {
        "id": conversation.pk,
        "person_id": conversation.person_id,
        "person": conversation.person.full_name,
        "stage": conversation.stage,
        "stage_label": Stage(conversation.stage).label,
        "purpose": conversation.purpose,
    }


def reminder_row(reminder: Reminder, owner: User) -> Result:
    conversation = reminder.conversation
    return {
        "id": reminder.pk,
        "title": reminder.title,
        "kind": reminder.kind,
        "due_at": when(reminder.due_at, owner),
        "status": reminder.status,
        "conversation_id": conversation.pk,
        "person": conversation.person.full_name,
        "organization": (
            conversation.person.organization.name if conversation.person.organization else ""
        ),
    }


def meeting_row(meeting: Meeting, owner: User) -> Result:
    return {
        "id": meeting.pk,
        "starts_at": when(meeting.starts_at, owner),
        "minutes": meeting.minutes,
        "mode": meeting.mode,
        "place": meeting.place,
        "status": meeting.status,
        "conversation_id": meeting.conversation_id,
        "person": meeting.conversation.person.full_name,
    }
