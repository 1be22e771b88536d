"""Writes for conversations: the stage machine, the reminders it drives, the timeline, notes.

Every stage change goes through `move_to_stage`. Leaving a stage cancels the reminders the
method attached to it; entering a stage creates the new ones (method.md sections 5, 6, 10).
Cancelled reminders are kept with their status, so nothing the user saw is silently lost.
Beside it: meetings.py (planning, moving, cancelling meetings), reminders.py (what the user
does with a reminder, one or many at once; a keep-in-touch touch), digests.py (the reminder
email).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from coffeechat.accounts.models import User
from coffeechat.conversations import next_step
from coffeechat.conversations.models import (
    Activity,
    Conversation,
    Meeting,
    Note,
    Reminder,
    Stage,
    allowed_moves,
)
from coffeechat.lib import dates
from coffeechat.lib.clock import current_time
from coffeechat.network.models import Person

logger = logging.getLogger(__name__)

TRY_ANOTHER_AFTER = 3  # business days (3B)
FOLLOW_UP_AFTER = 7  # business days (7B)
CLOSE_AFTER_FOLLOW_UP = 3  # business days after the nudge
REPLY_WITHIN = timedelta(hours=24)
THANK_WITHIN = timedelta(hours=24)
CONFIRM_BEFORE = timedelta(hours=24)
REPORT_BACK_AFTER = 10  # business days: "1-2 weeks"
Kind = Reminder.Kind


def log_activity(
    *,
    person: Person,
    action: str,
    summary: str,
    conversation: Conversation | None = None,
    when: datetime | None = None,
    **data: Any,
) -> Activity:
    """Append one line to the person's timeline."""
    return Activity.objects.create(
        owner_id=person.owner_id,
        person=person,
        conversation=conversation,
        action=action,
        summary=summary[:300],
        data=data,
        occurred_at=current_time(when),
    )


@transaction.atomic
def start_conversation(
    *, owner: User, person: Person, purpose: str = "", now: datetime | None = None
) -> Conversation:
    """Open a new informational-interview thread with `person`, in the identified stage."""
    if person.owner_id != owner.pk:
        raise ValidationError("That person is not in your network.")
    now = current_time(now)
    conversation = Conversation(
        owner=owner,
        person=person,
        purpose=purpose.strip(),
        stage=Stage.IDENTIFIED,
        stage_changed_at=now,
        created_at=now,
    )
    conversation.full_clean()
    conversation.save()
    log_activity(
        person=person,
        conversation=conversation,
        action="conversation.started",
        summary=_with_purpose("Started a conversation", conversation.purpose),
        when=now,
    )
    return conversation


EARLIEST_DAY = date(2000, 1, 1)


def _happened_at(owner: User, on: date | None, now: datetime) -> datetime:
    """When a step the user reports really happened: the morning of `on`, or now for today.

    The date is taken as typed, never moved (a request sent two years ago counts from then);
    a day still to come, or before 2000, is refused with a sentence instead.
    """
    if on is None:
        return now
    calendar = owner.calendar
    if on > calendar.local_date(now):
        raise ValidationError(
            {
                "on": f"{on:%-d %B %Y} is still to come: choose the day it "
                "really happened, today at the latest."
            }
        )
    if on < EARLIEST_DAY:
        raise ValidationError({"on": f"{on:%-d %B %Y} is too long ago: check the year."})
    return min(calendar.morning_of(on), now)


def _with_purpose(text: str, purpose: str) -> str:
    return f"{text}: {purpose}" if purpose else text


def _remind(conversation: Conversation, kind: str, title: str, due_at: datetime) -> Reminder:
    return Reminder.objects.create(
        owner_id=conversation.owner_id,
        conversation=conversation,
        kind=kind,
        title=title[:300],
        due_at=due_at,
    )


# Entering these stages is what their reminders asked for: they end as done, not cancelled.
FULFILLED_BY: dict[str, list[str]] = {
    Stage.SCHEDULED: [Kind.REPLY],
    Stage.MET: [Kind.CONFIRM],
    Stage.THANKED: [Kind.THANK_YOU],
    Stage.NO_REPLY: [Kind.CLOSE_NO_REPLY],
}


# Still owed after entering these stages: reporting back on advice goes on while keeping in touch.
KEPT_ON_ENTRY: dict[str, list[str]] = {
    Stage.NURTURING: [Kind.REPORT_BACK],
}


def cancel_open_reminders(
    conversation: Conversation,
    now: datetime,
    kinds: list[str] | None = None,
    keep: Sequence[str] = (),
) -> int:
    # Reminders the user wrote themselves outlive stage changes; the method's own don't.
    reminders = conversation.reminders.filter(status=Reminder.Status.OPEN).exclude(
        kind__in=[Kind.CUSTOM, *keep]
    )
    if kinds is not None:
        reminders = reminders.filter(kind__in=kinds)
    return reminders.update(status=Reminder.Status.CANCELLED, resolved_at=now)


@transaction.atomic
def move_to_stage(
    *, conversation: Conversation, stage: str, now: datetime | None = None, on: date | None = None
) -> Conversation:
    """Move the conversation to `stage`, recording it and re-planning its reminders.

    `on` is the local date the step really happened (a request sent yesterday); the
    timers count from it. A conditional UPDATE makes two tabs that move the same card
    at once end with one move and one clear error, not two sets of reminders.
    """
    now = current_time(now)
    old = conversation.stage
    if stage not in Stage.values:
        raise ValidationError({"stage": "Unknown stage."})
    if stage not in allowed_moves(old):
        raise ValidationError(
            {
                "stage": f"A conversation that is {Stage(old).label.lower()} can't move to "
                f"{Stage(stage).label.lower()}."
            }
        )
    happened_at = _happened_at(conversation.owner, on, now)
    if stage == Stage.MET:
        hold_meeting(conversation=conversation, now=now)

    changes: dict[str, Any] = {"stage": stage, "stage_changed_at": now, "updated_at": now}
    if stage == Stage.CONTACTED:
        # follow_up_sent_at survives a reopen: one follow-up per thread, never two (RULE-F1).
        changes.update(contacted_at=happened_at, replied_at=None, closed_at=None)
    elif stage == Stage.REPLIED:
        changes.update(replied_at=happened_at)
    elif stage in (Stage.NO_REPLY, Stage.DECLINED):
        changes.update(closed_at=now)
    elif stage == Stage.IDENTIFIED:
        changes.update(closed_at=None)
    claimed = Conversation.objects.filter(pk=conversation.pk, stage=old).update(**changes)
    if not claimed:
        raise ValidationError("This conversation was changed elsewhere. Reload to see it.")
    for field, value in changes.items():
        setattr(conversation, field, value)

    conversation.reminders.filter(
        status=Reminder.Status.OPEN, kind__in=FULFILLED_BY.get(stage, [])
    ).update(status=Reminder.Status.DONE, resolved_at=now)
    cancel_open_reminders(conversation, now, keep=KEPT_ON_ENTRY.get(stage, []))
    plan_reminders(conversation, happened_at, now)
    log_activity(
        person=conversation.person,
        conversation=conversation,
        action="conversation.stage_changed",
        when=happened_at,
        summary=f"{Stage(old).label} → {Stage(stage).label}",
        old=old,
        new=stage,
    )
    if old == Stage.CONTACTED:
        _classify_person(conversation, happened_at, now)
    return conversation


# Boosters, obligates, curmudgeons (method.md 5.3, RULE-F4) ------------------------------------

Segment = Person.Segment
# How much a segment says about someone, least first. Automatic classification only moves a
# person up this scale: one slow or unanswered thread doesn't undo the evidence of a quick,
# keen reply before it (people get busy), and a later, better reply is new evidence. Moving
# someone down is the user's call, on the person's edit form.
SEGMENT_EVIDENCE: list[str] = [
    Segment.UNKNOWN,
    Segment.CURMUDGEON,
    Segment.OBLIGATE,
    Segment.BOOSTER,
]


def segment_from_timing(conversation: Conversation, replied_at: datetime | None) -> str | None:
    """The segment this thread's timing suggests, or None when it says nothing.

    A reply on or before the 3B date (in the owner's calendar) is a booster's; a later one,
    or one after the nudge, an obligate's. Closing as no reply after the follow-up marks a
    curmudgeon; closing without a follow-up says nothing, the method asked for one nudge.
    """
    if conversation.stage == Stage.NO_REPLY:
        return Segment.CURMUDGEON if conversation.follow_up_sent_at else None
    if conversation.stage != Stage.REPLIED or conversation.contacted_at is None or not replied_at:
        return None
    calendar = conversation.owner.calendar
    deadline = calendar.add_business_days(
        calendar.local_date(conversation.contacted_at), TRY_ANOTHER_AFTER
    )
    replied_on = calendar.local_date(replied_at)
    after_nudge = conversation.follow_up_sent_at is not None and replied_on >= calendar.local_date(
        conversation.follow_up_sent_at
    )
    if replied_on <= deadline and not after_nudge:
        return Segment.BOOSTER
    return Segment.OBLIGATE


def _classify_person(conversation: Conversation, happened_at: datetime, now: datetime) -> None:
    segment = segment_from_timing(conversation, happened_at)
    person = conversation.person
    if segment is None or (
        SEGMENT_EVIDENCE.index(segment) <= SEGMENT_EVIDENCE.index(person.segment)
    ):
        return
    # Only this column: the person's other fields may be open in an edit form elsewhere.
    Person.objects.filter(pk=person.pk).update(segment=segment, updated_at=now)
    person.segment, person.updated_at = segment, now
    log_activity(
        person=person,
        conversation=conversation,
        action="person.segment_changed",
        when=happened_at,
        summary=f"Classified as {Segment(segment).label.lower()}",
        segment=segment,
    )


def plan_reminders(conversation: Conversation, happened_at: datetime, now: datetime) -> None:
    """Create the reminders the method attaches to the conversation's new stage."""
    person = conversation.person
    calendar = conversation.owner.calendar
    stage = conversation.stage
    if stage == Stage.CONTACTED and conversation.follow_up_sent_at:
        _remind(
            conversation,
            Kind.CLOSE_NO_REPLY,
            f"Still no reply from {person}: close it and move on",
            calendar.business_days_after(happened_at, CLOSE_AFTER_FOLLOW_UP),
        )
    elif stage == Stage.CONTACTED:
        where = f" at {person.organization}" if person.organization else ""
        _remind(
            conversation,
            Kind.TRY_ANOTHER,
            f"No reply from {person} yet: reach out to someone else{where}",
            calendar.business_days_after(happened_at, TRY_ANOTHER_AFTER),
        )
        _remind(
            conversation,
            Kind.FOLLOW_UP,
            f"Send {person} your one follow-up",
            calendar.business_days_after(happened_at, FOLLOW_UP_AFTER),
        )
    elif stage == Stage.REPLIED:
        _remind(
            conversation,
            Kind.REPLY,
            f"Answer {person} and offer 2–3 times",
            happened_at + REPLY_WITHIN,
        )
    elif stage == Stage.SCHEDULED:
        meeting = conversation.meetings.filter(
            starts_at__gt=now, status=Meeting.Status.PLANNED
        ).first()
        if meeting and meeting.starts_at - CONFIRM_BEFORE > now:
            _remind(
                conversation,
                Kind.CONFIRM,
                f"Confirm tomorrow's meeting with {person}",
                meeting.starts_at - CONFIRM_BEFORE,
            )
    elif stage == Stage.MET:
        last = (
            conversation.meetings.filter(starts_at__lte=now)
            .exclude(status=Meeting.Status.CANCELLED)
            .last()
        )
        ended = last.ends_at if last and last.ends_at <= now else happened_at
        _remind(
            conversation,
            Kind.THANK_YOU,
            f"Thank {person}: cite one thing you learned",
            ended + THANK_WITHIN,
        )
    elif stage == Stage.THANKED and has_advice_to_act_on(conversation):
        plan_report_back(conversation=conversation, happened_at=happened_at)
    elif stage == Stage.NURTURING:
        plan_keep_in_touch(conversation, happened_at)


def has_advice_to_act_on(conversation: Conversation) -> bool:
    """Whether advice was captured in this conversation (a report-back is then owed)."""
    # Captures belong to coffeechat.prep, an app above this one: ask through its reverse
    # relation rather than import it (apps import in one direction).
    return conversation.captures.filter(kind="advice").exists()


def plan_report_back(*, conversation: Conversation, happened_at: datetime) -> Reminder | None:
    """Plan the report-back 1-2 weeks after `happened_at`, unless one was ever planned."""
    if (
        conversation.reminders.filter(kind=Kind.REPORT_BACK)
        .exclude(status=Reminder.Status.CANCELLED)
        .exists()
    ):
        return None
    return _remind(
        conversation,
        Kind.REPORT_BACK,
        f"Report back to {conversation.person} on what you did with their advice",
        conversation.owner.calendar.business_days_after(happened_at, REPORT_BACK_AFTER),
    )


def plan_keep_in_touch(conversation: Conversation, now: datetime) -> Reminder:
    # The person's own cadence (method.md 10.1: 8-12 weeks by default, never weekly).
    weeks = next_step.cadence_weeks(conversation.person)
    calendar = conversation.owner.calendar
    due = calendar.morning_of(
        calendar.first_business_day_from(calendar.local_date(now + timedelta(weeks=weeks)))
    )
    return _remind(
        conversation,
        Kind.KEEP_IN_TOUCH,
        f"Keep in touch with {conversation.person}: share news or something useful",
        due,
    )


@transaction.atomic
def record_follow_up(*, conversation: Conversation, now: datetime | None = None) -> Conversation:
    """Note that the single follow-up went out; close as no reply 3 business days later."""
    now = current_time(now)
    if conversation.stage != Stage.CONTACTED:
        raise ValidationError("A follow-up only goes to a request that is waiting for a reply.")
    claimed = Conversation.objects.filter(
        pk=conversation.pk,
        stage=Stage.CONTACTED,
        follow_up_sent_at=None,
    ).update(follow_up_sent_at=now, updated_at=now)
    if not claimed:
        raise ValidationError(
            f"You already followed up with {conversation.person} once. If they don't answer, "
            "close this and move on to someone else."
        )
    conversation.follow_up_sent_at = now
    conversation.reminders.filter(kind=Kind.FOLLOW_UP, status=Reminder.Status.OPEN).update(
        status=Reminder.Status.DONE, resolved_at=now
    )
    cancel_open_reminders(conversation, now, kinds=[Kind.TRY_ANOTHER])
    _remind(
        conversation,
        Kind.CLOSE_NO_REPLY,
        f"Still no reply from {conversation.person}: close it and move on",
        conversation.owner.calendar.business_days_after(now, CLOSE_AFTER_FOLLOW_UP),
    )
    log_activity(
        person=conversation.person,
        conversation=conversation,
        action="conversation.follow_up_sent",
        summary="Sent the one follow-up",
        when=now,
    )
    return conversation


def hold_meeting(*, conversation: Conversation, now: datetime) -> Meeting | None:
    """Mark the meeting that took place held: the latest planned one that has started.

    A meeting that hasn't started can't have been held: with only such a meeting planned,
    this refuses with a sentence saying when it is, rather than mark the future as past.
    Returns None when no planned meeting has started (nothing recorded, or held already).
    """
    planned = conversation.meetings.filter(status=Meeting.Status.PLANNED)
    meeting = planned.filter(starts_at__lte=now).order_by("-starts_at").first()
    if meeting is None:
        upcoming = planned.filter(starts_at__gt=now).order_by("starts_at").first()
        if upcoming is not None:
            when = dates.day_time(upcoming.starts_at, conversation.owner.calendar.zone, now)
            raise ValidationError(
                f"Your meeting with {conversation.person} is on {when} and hasn't started "
                "yet. Mark it held once you've met. If you met earlier, move the meeting to "
                "when you really met first; if it won't happen, cancel it."
            )
        return None
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.HELD, held_at=now, updated_at=now
    )
    meeting.status, meeting.held_at = Meeting.Status.HELD, now
    log_activity(
        person=conversation.person,
        conversation=conversation,
        action="meeting.held",
        when=now,
        summary=f"Met ({meeting.get_mode_display().lower()}, {meeting.minutes} min)",
    )
    return meeting


def add_note(
    *,
    person: Person,
    body: str,
    conversation: Conversation | None = None,
    now: datetime | None = None,
) -> Note:
    """Keep a note on the person (and the conversation, when there is one)."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write something first."})
    note = Note(
        owner_id=person.owner_id,
        person=person,
        conversation=conversation,
        body=body,
        created_at=current_time(now),
    )
    note.full_clean()
    note.save()
    return note
