"""Meetings: planning one, moving it, cancelling it, logging one that already happened.

Each keeps the conversation's stage and its confirm reminder in step (services.py);
marking a meeting held is part of the move to met, so `hold_meeting` lives there.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from coffeechat.conversations.models import (
    Conversation,
    Meeting,
    Reminder,
    Stage,
    allowed_moves,
)
from coffeechat.conversations.services import (
    cancel_open_reminders,
    log_activity,
    move_to_stage,
    plan_reminders,
)
from coffeechat.lib import dates
from coffeechat.lib.clock import current_time

Kind = Reminder.Kind


@transaction.atomic
def schedule_meeting(
    *,
    conversation: Conversation,
    starts_at: datetime,
    minutes: int,
    mode: str,
    place: str = "",
    now: datetime | None = None,
) -> Meeting:
    """Add a meeting and move the conversation to scheduled (with its confirm reminder).

    A meeting that is already over when it is added is a record of the past, not a plan:
    it is logged as held and the conversation moves to met (its thank-you is then due),
    never planned with a day-before reminder in the past.
    """
    now = current_time(now)
    if conversation.is_closed:
        raise ValidationError("This conversation is closed. Reopen it to plan a meeting.")
    meeting = Meeting(
        owner_id=conversation.owner_id,
        conversation=conversation,
        starts_at=starts_at,
        minutes=minutes,
        mode=mode,
        place=place.strip(),
        created_at=now,
    )
    meeting.full_clean()
    if meeting.ends_at <= now:
        return _log_past_meeting(conversation, meeting, now)
    meeting.save()
    when = dates.day_time(starts_at, conversation.owner.calendar.zone, now)
    log_activity(
        person=conversation.person,
        conversation=conversation,
        action="meeting.scheduled",
        when=now,
        summary=f"{meeting.get_mode_display()} meeting set for {when} ({minutes} min)",
    )
    if conversation.stage == Stage.SCHEDULED:
        cancel_open_reminders(conversation, now, kinds=[Kind.CONFIRM])
        plan_reminders(conversation, now, now)
    elif Stage.SCHEDULED in allowed_moves(conversation.stage):
        move_to_stage(conversation=conversation, stage=Stage.SCHEDULED, now=now)
    return meeting


def _log_past_meeting(conversation: Conversation, meeting: Meeting, now: datetime) -> Meeting:
    meeting.status, meeting.held_at = Meeting.Status.HELD, now
    meeting.save()
    when = dates.day_time(meeting.starts_at, conversation.owner.calendar.zone, now)
    log_activity(
        person=conversation.person,
        conversation=conversation,
        action="meeting.held",
        when=meeting.starts_at,
        summary=f"Met ({meeting.get_mode_display().lower()}, {meeting.minutes} min) "
        f"on {when}: logged afterwards",
    )
    if Stage.MET in allowed_moves(conversation.stage) and conversation.stage in (
        Stage.IDENTIFIED,
        Stage.CONTACTED,
        Stage.REPLIED,
        Stage.SCHEDULED,
    ):
        move_to_stage(conversation=conversation, stage=Stage.MET, now=now)
    return meeting


def _replan_confirm(conversation: Conversation, now: datetime) -> None:
    # The confirm reminder follows the next planned meeting: cancel it and plan it afresh.
    cancel_open_reminders(conversation, now, kinds=[Kind.CONFIRM])
    if conversation.stage == Stage.SCHEDULED:
        plan_reminders(conversation, now, now)


@transaction.atomic
def reschedule_meeting(
    *,
    meeting: Meeting,
    starts_at: datetime,
    minutes: int,
    mode: str,
    place: str = "",
    now: datetime | None = None,
) -> Meeting:
    """Move a planned meeting to a new time; SEQUENCE grows and the confirm reminder moves.

    The conditional UPDATE on the sequence makes two tabs rescheduling at once end with one
    change and one clear error, not two updates with the same SEQUENCE.
    """
    now = current_time(now)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError("Only a planned meeting can be moved.")
    if starts_at <= now:
        raise ValidationError(
            {
                "starts_at": "Move it to a time still to come. If you already "
                "met, press We met instead."
            }
        )
    old_start = meeting.starts_at
    changed = Meeting(
        owner_id=meeting.owner_id,
        conversation=meeting.conversation,
        starts_at=starts_at,
        minutes=minutes,
        mode=mode,
        place=place.strip(),
        uid=meeting.uid,
    )
    changed.full_clean(exclude=["uid"])
    claimed = Meeting.objects.filter(
        pk=meeting.pk, sequence=meeting.sequence, status=Meeting.Status.PLANNED
    ).update(
        starts_at=starts_at,
        minutes=minutes,
        mode=mode,
        place=changed.place,
        sequence=meeting.sequence + 1,
        updated_at=now,
    )
    if not claimed:
        raise ValidationError("This meeting was changed elsewhere. Reload to see it.")
    meeting.refresh_from_db()
    conversation = meeting.conversation
    zone = conversation.owner.calendar.zone
    log_activity(
        person=conversation.person,
        conversation=conversation,
        action="meeting.rescheduled",
        when=now,
        summary=f"Meeting moved from {dates.day_time(old_start, zone, now)}"
        f" to {dates.day_time(starts_at, zone, now)}",
    )
    _replan_confirm(conversation, now)
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """Cancel a planned meeting: SEQUENCE grows, its confirm reminder goes.

    With no other planned meeting left, the conversation goes back to replied, whose
    reminder asks for new times (the thread is still alive; closing it is the user's call).
    """
    now = current_time(now)
    claimed = Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.PLANNED).update(
        status=Meeting.Status.CANCELLED, sequence=meeting.sequence + 1, updated_at=now
    )
    if not claimed:
        raise ValidationError("This meeting is no longer planned.")
    meeting.refresh_from_db()
    conversation = meeting.conversation
    when = dates.day_time(meeting.starts_at, conversation.owner.calendar.zone, now)
    log_activity(
        person=conversation.person,
        conversation=conversation,
        action="meeting.cancelled",
        when=now,
        summary=f"Meeting of {when} cancelled",
    )
    others = conversation.meetings.filter(status=Meeting.Status.PLANNED, starts_at__gt=now)
    if conversation.stage == Stage.SCHEDULED and not others.exists():
        move_to_stage(conversation=conversation, stage=Stage.REPLIED, now=now)
    else:
        _replan_confirm(conversation, now)
    return meeting
