"""Reads for preparation, the conversation itself and after. Every function is owner-scoped."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import QuerySet

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation, Meeting, Stage
from coffeechat.lib.models import get_owned
from coffeechat.network.models import Person
from coffeechat.prep.models import Brief, Capture, Category, Question

MIN_MINUTES_PER_QUESTION = 2
PLAN_MIN, PLAN_MAX, MUST_ASK = 5, 10, 3  # RULE-P1


def get_question(owner: User, question_id: int) -> Question:
    """The owner's planned question, or 404."""
    return get_owned(
        Question.objects.select_related(
            "conversation__person__organization", "conversation__owner"
        ),
        owner=owner,
        pk=question_id,
    )


def get_capture(owner: User, capture_id: int) -> Capture:
    """The owner's capture, or 404."""
    return get_owned(
        Capture.objects.select_related("conversation__person"), owner=owner, pk=capture_id
    )


def brief_for(conversation: Conversation) -> Brief:
    """The conversation's brief; an unsaved empty one until the user writes something."""
    brief = Brief.objects.filter(owner_id=conversation.owner_id, conversation=conversation).first()
    return brief or Brief(owner_id=conversation.owner_id, conversation=conversation)


def questions_of(conversation: Conversation) -> QuerySet[Question]:
    """The conversation's question plan, in asking order."""
    return Question.objects.filter(owner_id=conversation.owner_id, conversation=conversation)


def captures_of(conversation: Conversation) -> QuerySet[Capture]:
    """What the contact gave in this conversation, oldest first, referrals with their person."""
    return Capture.objects.filter(
        owner_id=conversation.owner_id, conversation=conversation
    ).select_related("referred")


def meeting_of(conversation: Conversation) -> Meeting | None:
    """The meeting the brief is for: the latest one not cancelled."""
    return (
        conversation.meetings.filter(owner_id=conversation.owner_id)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )


# The agenda (method.md 7.2 RULE-P1/P2, 8.1 timing) ----------------------------------------------


@dataclass
class Slot:
    starts: int  # minutes from the start of the meeting
    ends: int
    label: str
    must_ask: bool = False
    if_time: bool = False  # past the time available: only if they offer more


@dataclass
class Agenda:
    minutes: int
    slots: list[Slot] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def fits(self) -> bool:
        return not any(slot.if_time for slot in self.slots)


def _edge(minutes: int) -> int:
    # Small talk and next steps take 2-3 minutes each: 2 in a short slot, 3 in a longer one.
    return 2 if minutes <= 20 else 3


def agenda_for(questions: list[Question], minutes: int) -> Agenda:
    """Time boxes for small talk, each question and next steps, and what doesn't fit."""
    agenda = Agenda(minutes=minutes)
    edge = _edge(minutes)
    opening = [q for q in questions if q.category == Category.RAPPORT]
    closing = [q for q in questions if q.category == Category.CLOSING]
    main = [q for q in questions if q not in opening and q not in closing]
    window = minutes - 2 * edge
    agenda.slots.append(Slot(0, edge, _joined("Small talk", opening)))
    fitting = min(len(main), window // MIN_MINUTES_PER_QUESTION)
    for i, question in enumerate(main[:fitting]):
        starts = edge + round(i * window / fitting)
        ends = edge + round((i + 1) * window / fitting)
        agenda.slots.append(Slot(starts, ends, question.text, must_ask=question.must_ask))
    agenda.slots += [
        Slot(minutes - edge, minutes, q.text, must_ask=q.must_ask, if_time=True)
        for q in main[fitting:]
    ]
    agenda.slots.append(
        Slot(
            minutes - edge,
            minutes,
            _joined("Next steps: thank them, offer to stop on time", closing),
        )
    )
    agenda.warnings = _warnings(questions, main, fitting, window)
    return agenda


def _joined(label: str, questions: list[Question]) -> str:
    return label + "".join(f" · {q.text}" for q in questions)


def _warnings(
    questions: list[Question], main: list[Question], fitting: int, window: int
) -> list[str]:
    warnings = []
    if len(main) > fitting:
        extra = len(main) - fitting
        warnings.append(
            f"{len(main)} questions don't fit in {window} minutes (about "
            f"{MIN_MINUTES_PER_QUESTION} minutes each): the last {extra} are only if time "
            "allows. Put your must-asks first."
        )
    if any(q.must_ask for q in main[fitting:]):
        warnings.append("A must-ask question falls outside the time. Move it up.")
    if len(questions) < PLAN_MIN:
        warnings.append(f"Prepare at least {PLAN_MIN} questions (you have {len(questions)}).")
    elif len(questions) > PLAN_MAX:
        warnings.append(f"More than {PLAN_MAX} questions: keep the ones that matter most.")
    must = sum(q.must_ask for q in questions)
    if questions and must != MUST_ASK:
        warnings.append(f"Mark your top {MUST_ASK} as “must ask” (you have {must}).")
    return warnings


# Keeping in touch (method.md 10.1, 10.3) --------------------------------------------------------


@dataclass
class ColdPerson:
    person: Person
    conversation: Conversation
    last_touch_at: datetime
    due_at: datetime


def going_cold_for(owner: User, now: datetime) -> list[ColdPerson]:
    """People being kept in touch with whose last touch is older than their cadence, oldest first.

    The day the conversation moved to keeping in touch counts as a touch.
    """
    conversations = (
        Conversation.objects.filter(owner=owner, stage=Stage.NURTURING)
        .select_related("person__organization")
        .order_by("stage_changed_at")
    )
    cold: dict[int, ColdPerson] = {}
    for conversation in conversations:
        person = conversation.person
        last = max(
            person.last_touch_at or conversation.stage_changed_at, conversation.stage_changed_at
        )
        due = last + timedelta(weeks=person.keep_in_touch_weeks)
        if due < now and person.pk not in cold:
            cold[person.pk] = ColdPerson(person, conversation, last, due)
    return sorted(cold.values(), key=lambda c: c.due_at)


def going_cold_count(owner: User, now: datetime) -> int:
    """len(going_cold_for(...)) for Today's stats row, from four columns, not whole rows."""
    rows = Conversation.objects.filter(owner=owner, stage=Stage.NURTURING).values_list(
        "person_id", "person__last_touch_at", "stage_changed_at", "person__keep_in_touch_weeks"
    )
    cold = {
        person_id
        for person_id, touched, moved, weeks in rows
        if max(touched or moved, moved) + timedelta(weeks=weeks) < now
    }
    return len(cold)
