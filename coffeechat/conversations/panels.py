"""What the conversations app contributes to pages: typed panels, built by owner-scoped reads.

A page (coffeechat/pages/) asks each app for its panel and renders them side by side; a panel
carries everything its partial shows, forms included, so no template runs a query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ClassVar

from django.urls import reverse

from coffeechat.accounts.models import User
from coffeechat.conversations import next_step, queries, suggestions, today
from coffeechat.conversations.forms import NoteForm, ReminderForm, StartConversationForm
from coffeechat.conversations.models import (
    Activity,
    Conversation,
    Meeting,
    Note,
    Reminder,
    Stage,
)
from coffeechat.network.models import Person

ACTIVITIES_SHOWN = 100  # "What happened" on a conversation: its newest lines


@dataclass(frozen=True)
class ConversationPanel:
    """The conversation's own part of its page: the next step, reminders and what happened."""

    conversation: Conversation
    person: Person
    step: next_step.NextStep
    open_reminders: list[Reminder]
    past_reminders: list[Reminder]
    activities: list[Activity]
    moves: list[tuple[str, str]]
    now: datetime
    today: date
    reminder_form: ReminderForm
    Stage: ClassVar[type[Stage]] = Stage  # the move buttons post a stage value

    @property
    def next(self) -> str:
        """Where a reminder's buttons come back to."""
        return self.conversation.get_absolute_url()


def conversation_panel(
    owner: User,
    conversation: Conversation,
    *,
    now: datetime,
    reminder_form: ReminderForm | None = None,
    meetings: Sequence[Meeting] | None = None,
    times_offered: int | None = None,
) -> ConversationPanel:
    """`meetings` and `times_offered`: what the page read for its Meetings card, if it did."""
    reminders = list(queries.reminders_of(conversation))
    attach_suggestions(owner, reminders)
    return ConversationPanel(
        conversation=conversation,
        person=conversation.person,
        step=next_step.next_step(conversation, now, meetings=meetings, times_offered=times_offered),
        open_reminders=[r for r in reminders if r.is_open],
        past_reminders=[r for r in reminders if not r.is_open],
        activities=list(conversation.activities.all()[:ACTIVITIES_SHOWN]),
        moves=conversation.moves_choices,
        now=now,
        today=owner.calendar.local_date(now),
        reminder_form=reminder_form or ReminderForm(),
    )


def attach_suggestions(owner: User, reminders: list[Reminder]) -> None:
    """Give each 3B reminder the people to ask next (one batch of queries for all of them)."""
    asking = [r for r in reminders if r.is_try_another and r.conversation.is_contacted]
    found = suggestions.suggestions_by_conversation(owner, [r.conversation for r in asking])
    for reminder in asking:
        reminder.suggestions = found.get(reminder.conversation_id)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class NotesPanel:
    """Notes with the form that adds one: the same list on a conversation and on a person."""

    notes: list[Note]
    form: NoteForm
    action: str  # where the form posts
    empty_text: str
    show_conversation: bool  # on a person, each note says which conversation it belongs to


def conversation_notes(conversation: Conversation, *, form: NoteForm | None = None) -> NotesPanel:
    return NotesPanel(
        notes=list(conversation.notes.filter(owner_id=conversation.owner_id)),
        form=form or NoteForm(),
        action=reverse("conversations:add-note", args=[conversation.pk]),
        empty_text="No notes yet. Jot down what you learn: "
        "it becomes your thank-you and your strategy.",
        show_conversation=False,
    )


def person_notes(person: Person, *, form: NoteForm | None = None) -> NotesPanel:
    return NotesPanel(
        notes=list(queries.notes_of(person).select_related("conversation")),
        form=form or NoteForm(),
        action=reverse("conversations:add-person-note", args=[person.pk]),
        empty_text="No notes yet.",
        show_conversation=True,
    )


@dataclass(frozen=True)
class PersonConversationsPanel:
    """A person's conversations, the form that starts one, and their timeline."""

    person: Person
    conversations: list[Conversation]
    start_form: StartConversationForm
    timeline: list[Activity]


def person_conversations(
    person: Person, *, start_form: StartConversationForm | None = None
) -> PersonConversationsPanel:
    return PersonConversationsPanel(
        person=person,
        conversations=list(queries.conversations_of(person)),
        start_form=start_form or StartConversationForm(),
        timeline=list(queries.timeline_for(person)),
    )


@dataclass(frozen=True)
class TodayMeeting:
    meeting: Meeting
    asks_if_met: bool  # it ended and nobody said it happened: offer "We met"


@dataclass(frozen=True)
class TodayPanel:
    """Today's own lists: overdue, due today and this week's reminders (each capped), the
    day's meetings and how many conversations are in each stage."""

    overdue: today.TodaySection
    due_today: today.TodaySection
    upcoming: today.TodaySection
    meetings: list[TodayMeeting]
    counts: dict[str, int]
    now: datetime
    tomorrow: date  # the snooze buttons' "until tomorrow"

    @property
    def has_due(self) -> bool:
        """Something is overdue or due today: those come before any suggestion."""
        return bool(self.overdue.rows or self.due_today.rows)


def today_panel(owner: User, *, now: datetime) -> TodayPanel:
    sections = {name: today.today_section(owner, name, now) for name in today.Section.ALL}
    attach_suggestions(
        owner, sections[today.Section.OVERDUE].rows + sections[today.Section.TODAY].rows
    )
    return TodayPanel(
        overdue=sections[today.Section.OVERDUE],
        due_today=sections[today.Section.TODAY],
        upcoming=sections[today.Section.UPCOMING],
        meetings=[
            TodayMeeting(meeting, next_step.asks_if_met(meeting, now))
            for meeting in today.meetings_today_for(owner, now)
        ],
        counts=queries.stage_counts_for(owner),
        now=now,
        tomorrow=owner.calendar.local_date(now) + timedelta(days=1),
    )
