"""Writes for preparation (the brief, the question plan), the conversation itself (answers,
captures, referrals) and after (marking it held, the keep-in-touch cadence). The thank-you
draft is written by thank_you.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from coffeechat.conversations import reminders
from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Conversation, Meeting, Stage
from coffeechat.lib.clock import current_time
from coffeechat.network import services as network
from coffeechat.network.models import Person
from coffeechat.prep import checklists, hooks, queries, questions
from coffeechat.prep.models import Brief, Capture, Category, Question

MAX_QUESTIONS = 20
MIN_CADENCE, MAX_CADENCE = 4, 52  # weeks, as Person.keep_in_touch_weeks allows
BRIEF_TEXT_FIELDS = (
    "research_person",
    "research_organization",
    "research_field",
    "links",
    "introduction",
    "live_notes",
    "resume_critique",
    "resume_feedback",
)
QUESTION_FIELDS = ("text", "must_ask", "asked", "answer")
# The most one note field keeps: about 8,000 words, far beyond a conversation's notes, and
# well inside the request size the server accepts (DATA_UPLOAD_MAX_MEMORY_SIZE). The pages
# check it before sending (data-maxchars), so a paste too big is never lost in transit.
MAX_NOTE_CHARS = 50_000
# Stages from which holding the meeting moves the conversation to met; later ones stay put.
BEFORE_MET = (Stage.IDENTIFIED, Stage.CONTACTED, Stage.REPLIED, Stage.SCHEDULED)


# The brief ---------------------------------------------------------------------------------


def update_brief(
    *, conversation: Conversation, now: datetime | None = None, **fields: Any
) -> Brief:
    """Save the given brief fields (the rest stay as they are); created on first save.

    `research_done`, `bring_done` (lists of checklist keys) and `reflection` (prompt key ->
    answer, merged into what is there) accept only the method's own keys.
    """
    brief = queries.brief_for(conversation)
    changed = []
    for name, value in fields.items():
        if isinstance(value, str):
            check_note_size(value)
        if name in BRIEF_TEXT_FIELDS:
            setattr(brief, name, value.strip() if name != "resume_critique" else value)
        elif name == "research_done":
            brief.research_done = _keys(value, checklists.RESEARCH_KEYS)
        elif name == "bring_done":
            brief.bring_done = _keys(value, checklists.BRING_KEYS)
        elif name == "reflection":
            brief.reflection = {
                **brief.reflection,
                **{k: v.strip() for k, v in value.items() if k in checklists.REFLECTION_KEYS},
            }
        else:
            raise ValidationError(f"Unknown field {name}.")
        changed.append(name)
    brief.full_clean(exclude=["conversation"])
    if brief.pk is None:
        brief.created_at = current_time(now)
        brief.save()
    elif changed:
        brief.save(update_fields=[*changed, "updated_at"])
    return brief


def check_note_size(text: str) -> None:
    """Refuse a note too long to keep, saying how long it is and what the limit is."""
    if len(text) > MAX_NOTE_CHARS:
        raise ValidationError(
            f"Not saved: this note is {len(text):,} characters long and the limit is "
            f"{MAX_NOTE_CHARS:,}. Shorten it, or keep the long text elsewhere and link to it."
        )


def _keys(value: list[str], allowed: frozenset[str]) -> list[str]:
    return sorted(set(value) & allowed)


# The question plan ---------------------------------------------------------------------------


def add_question(
    *,
    conversation: Conversation,
    text: str = "",
    bank_key: str = "",
    must_ask: bool = False,
    now: datetime | None = None,
) -> Question:
    """Append a question to the plan: from the bank (by key) or in the user's own words."""
    bank = questions.BY_KEY.get(bank_key) if bank_key else None
    if bank_key and bank is None:
        raise ValidationError({"bank_key": "That question isn't in the bank."})
    text = " ".join(text.split()) or (bank.text if bank else "")
    organization = conversation.person.organization
    if organization:
        text = text.replace("[organization]", organization.name)
    if not text:
        raise ValidationError({"text": "Write the question first."})
    plan = queries.questions_of(conversation)
    if plan.count() >= MAX_QUESTIONS:
        raise ValidationError(
            f"A plan holds at most {MAX_QUESTIONS} questions: you won't "
            "get through more in one conversation."
        )
    last = plan.aggregate(last=Max("position"))["last"]
    question = Question(
        owner_id=conversation.owner_id,
        conversation=conversation,
        bank_key=bank_key,
        category=bank.category if bank else Category.OWN,
        text=text,
        must_ask=must_ask,
        created_at=current_time(now),
        position=0 if last is None else last + 1,
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def add_suggested(*, conversation: Conversation, now: datetime | None = None) -> list[Question]:
    """Add the suggested bank questions that aren't in the plan yet (see questions.suggest)."""
    in_plan = set(queries.questions_of(conversation).values_list("bank_key", flat=True))
    # Must-ask marks only go on a plan that has none yet: the user's own choice wins.
    has_must = queries.questions_of(conversation).filter(must_ask=True).exists()
    added = []
    for suggestion in questions.suggest(
        purpose=conversation.purpose,
        title=conversation.person.title,
        has_obstacles=bool(hooks.obstacles_of(conversation)),
    ):
        if suggestion.question.key in in_plan:
            continue
        added.append(
            add_question(
                conversation=conversation,
                bank_key=suggestion.question.key,
                must_ask=suggestion.must_ask and not has_must,
                now=now,
            )
        )
    return added


def update_question(*, question: Question, **fields: Any) -> Question:
    """Change a planned question's wording, must-ask mark, asked tick or answer."""
    for name, value in fields.items():
        if name not in QUESTION_FIELDS:
            raise ValidationError(f"Unknown field {name}.")
        if isinstance(value, str):
            check_note_size(value)
        setattr(question, name, value.strip() if isinstance(value, str) else value)
    if not question.text:
        raise ValidationError({"text": "A question can't be empty. Remove it instead."})
    question.full_clean()
    question.save(update_fields=[*fields, "updated_at"])
    return question


@transaction.atomic
def move_question(*, question: Question, direction: str) -> Question:
    """Swap the question with its neighbour above ("up") or below ("down")."""
    plan = list(queries.questions_of(question.conversation).select_for_update())
    here = next(i for i, q in enumerate(plan) if q.pk == question.pk)
    there = here - 1 if direction == "up" else here + 1
    if direction not in ("up", "down"):
        raise ValidationError("Move a question up or down.")
    if 0 <= there < len(plan):
        plan[here], plan[there] = plan[there], plan[here]
    # Renumber the whole plan: positions stay 0..n-1 whatever happened before.
    for position, item in enumerate(plan):
        if item.position != position:
            Question.objects.filter(pk=item.pk).update(position=position)
            item.position = position
    question.position = next(q.position for q in plan if q.pk == question.pk)
    return question


def delete_question(*, question: Question) -> None:
    """Take a question out of the plan."""
    question.delete()


@transaction.atomic
def save_live(
    *,
    conversation: Conversation,
    answers: dict[int, dict[str, Any]],
    brief: dict[str, Any],
    now: datetime | None = None,
) -> list[str]:
    """Save what was jotted during the conversation: per question, and on the brief.

    `answers` maps question ids of this conversation to their changed fields; an id from
    anywhere else is refused. Returns the names of what was saved.
    """
    plan = {q.pk: q for q in queries.questions_of(conversation).filter(pk__in=answers)}
    if set(answers) - set(plan):
        raise ValidationError("That question isn't in this conversation's plan.")
    for pk, fields in answers.items():
        update_question(question=plan[pk], **fields)
    if brief:
        update_brief(conversation=conversation, now=now, **brief)
    return [f"{name}-{pk}" for pk, fields in answers.items() for name in fields] + list(brief)


# Captures and referrals ------------------------------------------------------------------------


def add_capture(
    *, conversation: Conversation, kind: str, text: str, now: datetime | None = None
) -> Capture:
    """Keep an insight, advice or resource the contact gave, and put it on their timeline.

    Advice captured after the thank-you still owes a report-back: it is planned then.
    """
    now = current_time(now)
    if kind == Capture.Kind.REFERRAL:
        raise ValidationError({"kind": "Add a referral with its own form: it creates the person."})
    text = " ".join(text.split())
    if not text:
        raise ValidationError({"text": "Write what they said first."})
    capture = Capture(
        owner_id=conversation.owner_id,
        conversation=conversation,
        kind=kind,
        text=text,
        created_at=now,
    )
    capture.full_clean(exclude=["referred"])
    with transaction.atomic():
        capture.save()
        conversations.log_activity(
            person=conversation.person,
            conversation=conversation,
            action=f"prep.{kind}",
            when=now,
            summary=f"{capture.get_kind_display()}: {capture.text}",
        )
        if kind == Capture.Kind.ADVICE and conversation.stage in (Stage.THANKED, Stage.NURTURING):
            conversations.plan_report_back(conversation=conversation, happened_at=now)
    return capture


def delete_capture(*, capture: Capture) -> None:
    """Remove a capture (a referral's person, introduction and conversation stay)."""
    capture.delete()


@transaction.atomic
def add_referral(
    *,
    conversation: Conversation,
    full_name: str,
    organization_name: str = "",
    title: str = "",
    context: str = "",
    may_mention: bool = False,
    now: datetime | None = None,
) -> Capture:
    """ "Talk to X at Y": the person, the introduction edge from this contact, a new conversation.

    The new person is connected by referral; their conversation starts as identified, with the
    introduction as its purpose, ready for a T2 request ("X suggested I reach out").
    """
    now = current_time(now)
    introducer = conversation.person
    person = network.add_person(
        owner=conversation.owner,
        full_name=full_name,
        organization_name=organization_name,
        title=title,
        connection=Person.Connection.REFERRAL,
        met_at=f"Referred by {introducer}"[:200],
    )
    on = conversation.owner.calendar.local_date(now)
    network.add_introduction(
        introducer=introducer, introduced=person, introduced_on=on, context=context.strip()[:300]
    )
    permission = (
        f"; may mention {introducer.first_name}'s name"
        if may_mention
        else "; ask before using their name"
    )
    conversations.start_conversation(
        owner=conversation.owner,
        person=person,
        now=now,
        purpose=f"Referred by {introducer}{permission}"[:300],
    )
    where = f" at {person.organization}" if person.organization else ""
    text = f"Talk to {person}{where}" + (f": {context.strip()}" if context.strip() else "")
    capture = Capture.objects.create(
        owner_id=conversation.owner_id,
        conversation=conversation,
        kind=Capture.Kind.REFERRAL,
        text=text + permission,
        referred=person,
        created_at=now,
    )
    conversations.log_activity(
        person=introducer,
        conversation=conversation,
        when=now,
        action="prep.referral",
        summary=f"Suggested you talk to {person}",
    )
    conversations.log_activity(
        person=person, when=now, action="prep.referred", summary=f"Referred by {introducer}"
    )
    return capture


# After -----------------------------------------------------------------------------------------


@transaction.atomic
def mark_held(*, conversation: Conversation, now: datetime | None = None) -> Meeting | None:
    """Record that the meeting happened and move the conversation to met (planning the thank-you).

    Holding it twice changes nothing. Without a meeting on record, only the stage moves. A
    meeting that hasn't started is refused (conversations.services.hold_meeting says when).
    """
    now = current_time(now)
    if conversation.is_closed:
        raise ValidationError("This conversation is closed. Reopen it first.")
    meeting = conversations.hold_meeting(conversation=conversation, now=now)
    if conversation.stage in BEFORE_MET:
        conversations.move_to_stage(conversation=conversation, stage=Stage.MET, now=now)
    return meeting or queries.meeting_of(conversation)


# Keeping in touch --------------------------------------------------------------------------------


def set_cadence(*, person: Person, weeks: int, now: datetime | None = None) -> Person:
    """Set how often to keep in touch with `person` (4-52 weeks; never weekly, method.md 10.1).

    It applies from the next keep-in-touch reminder on.
    """
    if not MIN_CADENCE <= weeks <= MAX_CADENCE:
        raise ValidationError(
            {
                "keep_in_touch_weeks": f"Choose between {MIN_CADENCE} and "
                f"{MAX_CADENCE} weeks: never weekly."
            }
        )
    person.keep_in_touch_weeks = weeks
    Person.objects.filter(pk=person.pk).update(
        keep_in_touch_weeks=weeks, updated_at=current_time(now)
    )
    conversations.log_activity(
        person=person,
        action="person.cadence_changed",
        when=now,
        summary=f"Keep in touch every {weeks} weeks",
        weeks=weeks,
    )
    return person


def log_touch(*, person: Person, note: str, now: datetime | None = None) -> Person:
    """Log a keep-in-touch touch with a short note (see conversations.reminders.record_touch)."""
    note = " ".join(note.split())
    if not note:
        raise ValidationError({"note": "Say in a few words what you sent or talked about."})
    if len(note) > 200:
        raise ValidationError({"note": "Keep it short: 200 characters at most."})
    reminders.record_touch(person=person, note=note, now=now)
    return person
