"""Writes for scheduling: offering times, confirming one, invitations, and the calendar feed.

Meetings themselves are created, moved and cancelled by conversations.services, which owns
the stage machine and the confirm-the-day-before reminder; this module adds the offer before
and the email after. Email goes out after the database work is committed, never inside it.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from coffeechat.accounts.models import User
from coffeechat.conversations import meetings, reminders
from coffeechat.conversations import services as conversation_services
from coffeechat.conversations.models import Conversation, Meeting, Reminder, SlotProposal
from coffeechat.lib.clock import current_time
from coffeechat.scheduling import invites, zones

MAX_SLOTS = 3  # RULE-S1: offer 2-3 times
IN_PERSON_MINUTES = 30  # coffee takes a little longer than a call


def default_minutes(*, owner: User, mode: str) -> int:
    """The length to offer when the user leaves it empty: theirs, or 30 min in person."""
    if mode == Meeting.Mode.IN_PERSON:
        return IN_PERSON_MINUTES
    return owner.meeting_minutes


@transaction.atomic
def propose_slots(
    *,
    conversation: Conversation,
    starts: Sequence[datetime],
    minutes: int,
    mode: str,
    place: str = "",
    now: datetime | None = None,
) -> list[SlotProposal]:
    """Offer `starts` as the open slots, replacing any earlier offer that wasn't taken."""
    now = current_time(now)
    if conversation.is_closed:
        raise ValidationError("This conversation is closed. Reopen it to offer times.")
    if not 1 <= len(starts) <= MAX_SLOTS:
        raise ValidationError(f"Offer between 1 and {MAX_SLOTS} times.")
    if any(start <= now for start in starts):
        raise ValidationError("Offer times in the future.")
    conversation.proposals.filter(accepted=False).delete()
    slots = []
    for start in sorted(starts):
        slot = SlotProposal(
            owner_id=conversation.owner_id,
            conversation=conversation,
            starts_at=start,
            minutes=minutes,
            mode=mode,
            place=place.strip(),
            created_at=now,
        )
        slot.full_clean()
        slot.save()
        slots.append(slot)
    zone = zones.zone_of_user(conversation.owner)
    offered = "; ".join(zones.format_slot(s.starts_at, s.minutes, zone) for s in slots)
    conversation_services.log_activity(
        person=conversation.person,
        conversation=conversation,
        action="meeting.times_offered",
        when=now,
        summary=f"Offered {len(slots)} time{'s' if len(slots) > 1 else ''}: {offered}",
    )
    # Offering times is the answer the reply reminder asked for (method.md RULE-F2, RULE-S1):
    # Today must not go on asking for it.
    reminders.complete_open_reminders(conversation=conversation, kind=Reminder.Kind.REPLY, now=now)
    return slots


@transaction.atomic
def confirm_slot(*, proposal: SlotProposal, now: datetime | None = None) -> Meeting:
    """Turn the slot they picked into the meeting (stage: scheduled, confirm reminder set);
    the other offered slots are withdrawn."""
    now = current_time(now)
    claimed = SlotProposal.objects.filter(pk=proposal.pk, accepted=False).update(
        accepted=True, updated_at=now
    )
    if not claimed:  # a double click, or a second tab: one meeting, not two
        raise ValidationError("That time was already confirmed.")
    if proposal.starts_at <= now:
        raise ValidationError(
            "That time has passed: offer new times, or add the meeting as it really happened."
        )
    conversation = proposal.conversation
    meeting = meetings.schedule_meeting(
        conversation=conversation,
        starts_at=proposal.starts_at,
        minutes=proposal.minutes,
        mode=proposal.mode,
        place=proposal.place,
        now=now,
    )
    conversation.proposals.filter(accepted=False).delete()
    return meeting


def send_invitation(*, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """Email the person a calendar invitation (or, once one went out, the update).

    Not atomic on purpose: the email is the side effect, and the record of it is written
    only after the mail server accepted it.
    """
    now = current_time(now)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError("Only a planned meeting can be sent as an invitation.")
    kind = invites.Kind.UPDATE if meeting.invite_sent_at else invites.Kind.INVITE
    invites.send(meeting, kind=kind, now=now)
    Meeting.objects.filter(pk=meeting.pk).update(invite_sent_at=now, updated_at=now)
    meeting.invite_sent_at = now
    _log_sent(meeting, kind, now)
    return meeting


def reschedule(
    *,
    meeting: Meeting,
    starts_at: datetime,
    minutes: int,
    mode: str,
    place: str = "",
    notify: bool = False,
    now: datetime | None = None,
) -> Meeting:
    """Move the meeting (SEQUENCE + 1, confirm reminder moved); with `notify`, email the
    person the update with the same UID once the move is committed."""
    now = current_time(now)
    with transaction.atomic():
        meeting = meetings.reschedule_meeting(
            meeting=meeting, starts_at=starts_at, minutes=minutes, mode=mode, place=place, now=now
        )
    if notify:
        send_invitation(meeting=meeting, now=now)
    return meeting


def cancel(*, meeting: Meeting, notify: bool = False, now: datetime | None = None) -> Meeting:
    """Cancel the meeting (SEQUENCE + 1, confirm reminder gone); with `notify`, email the
    person METHOD:CANCEL with STATUS:CANCELLED once the cancellation is committed."""
    now = current_time(now)
    with transaction.atomic():
        meeting = meetings.cancel_meeting(meeting=meeting, now=now)
    if notify:
        invites.send(meeting, kind=invites.Kind.CANCEL, now=now)
        _log_sent(meeting, invites.Kind.CANCEL, now)
    return meeting


SENT_SUMMARIES = {
    invites.Kind.INVITE: "Sent {person} a calendar invitation for {when}",
    invites.Kind.UPDATE: "Sent {person} the updated invitation for {when}",
    invites.Kind.CANCEL: "Sent {person} the cancellation of {when}",
}


def _log_sent(meeting: Meeting, kind: str, now: datetime) -> None:
    conversation = meeting.conversation
    when = zones.format_slot(meeting.starts_at, meeting.minutes, zones.zone_of_user(meeting.owner))
    conversation_services.log_activity(
        person=conversation.person,
        conversation=conversation,
        action=f"meeting.{kind}_sent",
        when=now,
        summary=SENT_SUMMARIES[kind].format(person=conversation.person, when=when),
        sequence=meeting.sequence,
    )


# The private calendar feed ---------------------------------------------------------------------


def regenerate_feed_token(*, user: User) -> User:
    """Give the user a new secret feed URL; the old one stops working at once."""
    user.calendar_token = secrets.token_urlsafe(32)
    User.objects.filter(pk=user.pk).update(calendar_token=user.calendar_token)
    return user


def turn_off_feed(*, user: User) -> User:
    """Revoke the feed URL without issuing a new one."""
    user.calendar_token = ""
    User.objects.filter(pk=user.pk).update(calendar_token="")
    return user
