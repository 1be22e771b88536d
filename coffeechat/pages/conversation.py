"""The conversation page, put together in one place from each app's panel.

Every view that draws this page (the page itself, and a form posted from it that comes back
with errors) calls `conversation_page` with the one form that failed, typed: nothing else
decides what the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations import panels as conversation_panels
from coffeechat.conversations.forms import MeetingForm, NoteForm, ReminderForm
from coffeechat.conversations.models import Conversation
from coffeechat.outreach import panels as outreach_panels
from coffeechat.scheduling import panels as scheduling_panels
from coffeechat.scheduling import queries as scheduling_queries
from coffeechat.scheduling.forms import SlotsForm


@dataclass(frozen=True)
class ConversationPage:
    TEMPLATE: ClassVar[str] = "conversations/conversation.html"

    conversation: conversation_panels.ConversationPanel  # next step, reminders, what happened
    notes: conversation_panels.NotesPanel
    messages: outreach_panels.MessagesPanel
    meetings: scheduling_panels.MeetingPanel


def conversation_page(
    *,
    owner: User,
    conversation: Conversation,
    now: datetime | None = None,
    note_form: NoteForm | None = None,
    reminder_form: ReminderForm | None = None,
    meeting_form: MeetingForm | None = None,
    slot_form: SlotsForm | None = None,
    reschedule: scheduling_panels.Reschedule | None = None,
) -> ConversationPage:
    """The page of `owner`'s `conversation` (fetched through get_conversation), with a failed form
    if any: the page shows that form with its errors, and a fresh one of every other."""
    now = now or timezone.now()
    # Read once for the Meetings card and the next step, which both show them.
    meetings = list(scheduling_queries.meetings_of(conversation))
    proposals = list(scheduling_queries.open_proposals_of(conversation))
    return ConversationPage(
        conversation=conversation_panels.conversation_panel(
            owner,
            conversation,
            now=now,
            reminder_form=reminder_form,
            meetings=meetings,
            times_offered=len(proposals),
        ),
        notes=conversation_panels.conversation_notes(conversation, form=note_form),
        messages=outreach_panels.messages_panel(conversation),
        meetings=scheduling_panels.meeting_panel(
            owner,
            conversation,
            now=now,
            meetings=meetings,
            proposals=proposals,
            slot_form=slot_form,
            meeting_form=meeting_form,
            reschedule=reschedule,
        ),
    )
