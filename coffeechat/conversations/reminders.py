"""Reminders the user acts on: their own, done, dismissed, snoozed, and many at once; a
keep-in-touch touch, which resolves the keep-in-touch reminders.

The reminders the method plans itself come and go with the stage (services.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations.models import (
    Activity,
    Conversation,
    Reminder,
    Stage,
)
from coffeechat.conversations.services import (
    log_activity,
    move_to_stage,
    plan_keep_in_touch,
)
from coffeechat.lib.clock import current_time
from coffeechat.network.models import Person

Kind = Reminder.Kind


@transaction.atomic
def record_touch(
    *,
    person: Person,
    note: str = "",
    now: datetime | None = None,
    conversation: Conversation | None = None,
) -> Activity:
    """Log a keep-in-touch touch: the timeline line, `last_touch_at`, the next reminder.

    Open keep-in-touch reminders of the person's nurturing conversations count as done and
    come round again after the person's cadence, counted from this touch.
    """
    now = current_time(now)
    note = " ".join(note.split())
    Person.objects.filter(pk=person.pk).update(last_touch_at=now, updated_at=now)
    person.last_touch_at = now
    activity = log_activity(
        person=person,
        conversation=conversation,
        action="person.touched",
        summary=f"Kept in touch: {note}" if note else "Kept in touch",
        when=now,
        note=note,
    )
    open_touches = Reminder.objects.filter(
        conversation__person=person,
        conversation__stage=Stage.NURTURING,
        kind=Kind.KEEP_IN_TOUCH,
        status=Reminder.Status.OPEN,
    ).select_related("conversation")
    for reminder in open_touches:
        if resolve_if_open(reminder, Reminder.Status.DONE, now):
            plan_keep_in_touch(reminder.conversation, now)
    return activity


def resolve_if_open(reminder: Reminder, status: str, now: datetime) -> bool:
    """Resolve an open reminder with `status`; False when it was resolved elsewhere first."""
    claimed = Reminder.objects.filter(pk=reminder.pk, status=Reminder.Status.OPEN).update(
        status=status, resolved_at=now, updated_at=now
    )
    if claimed:
        reminder.status, reminder.resolved_at = status, now
    else:  # resolved (or deleted) elsewhere first: show what really happened, not the request
        current = Reminder.objects.filter(pk=reminder.pk).values("status", "resolved_at").first()
        if current:
            reminder.status, reminder.resolved_at = current["status"], current["resolved_at"]
    return bool(claimed)


@transaction.atomic
def add_reminder(*, conversation: Conversation, title: str, due_at: datetime) -> Reminder:
    """A reminder of the user's own; stage changes leave it alone."""
    reminder = Reminder(
        owner_id=conversation.owner_id,
        conversation=conversation,
        kind=Kind.CUSTOM,
        title=title.strip(),
        due_at=due_at,
    )
    reminder.full_clean(exclude=["digest"])
    reminder.save()
    return reminder


@transaction.atomic
def complete_reminder(*, reminder: Reminder, now: datetime | None = None) -> Reminder:
    """Mark a reminder done. Done twice is still done once; keeping in touch comes round again."""
    now = current_time(now)
    if not resolve_if_open(reminder, Reminder.Status.DONE, now):
        return reminder
    conversation = reminder.conversation
    log_activity(
        person=conversation.person,
        conversation=conversation,
        action="reminder.done",
        summary=f"Done: {reminder.title}",
        when=now,
    )
    if reminder.kind == Kind.KEEP_IN_TOUCH:
        # Doing a keep-in-touch reminder is a touch: it is logged, and the next one is planned.
        record_touch(person=conversation.person, conversation=conversation, now=now)
        if conversation.stage == Stage.NURTURING:
            plan_keep_in_touch(conversation, now)
    return reminder


def complete_open_reminders(
    *, conversation: Conversation, kind: str, now: datetime | None = None
) -> int:
    """Mark the conversation's open reminders of `kind` done (what they asked for happened)."""
    done = 0
    for reminder in conversation.reminders.filter(kind=kind, status=Reminder.Status.OPEN):
        done += bool(complete_reminder(reminder=reminder, now=now))
    return done


@transaction.atomic
def dismiss_reminder(*, reminder: Reminder, now: datetime | None = None) -> Reminder:
    """Put a reminder away without doing it (it stays in the history)."""
    now = current_time(now)
    if resolve_if_open(reminder, Reminder.Status.DISMISSED, now):
        log_activity(
            person=reminder.conversation.person,
            conversation=reminder.conversation,
            action="reminder.dismissed",
            summary=f"Dismissed: {reminder.title}",
            when=now,
        )
    return reminder


@transaction.atomic
def snooze_reminder(
    *, reminder: Reminder, until: datetime, now: datetime | None = None
) -> Reminder:
    """Move an open reminder to a later time; it comes back in the digest of that day."""
    now = current_time(now)
    if reminder.status != Reminder.Status.OPEN:
        raise ValidationError(f"This reminder is already {reminder.get_status_display().lower()}.")
    if until <= now:
        raise ValidationError({"until": "Snooze to a time in the future."})
    if until > now + timedelta(days=366):
        raise ValidationError({"until": "Snooze for at most a year."})
    reminder.due_at, reminder.digest = until, None
    reminder.save(update_fields=["due_at", "digest", "updated_at"])
    local = timezone.localtime(until, reminder.owner.calendar.zone)
    log_activity(
        person=reminder.conversation.person,
        conversation=reminder.conversation,
        action="reminder.snoozed",
        when=now,
        summary=f"Snoozed to {local:%a %d %b %Y, %H:%M}: {reminder.title}",
    )
    return reminder


# Clearing a backlog in one action (Today's bulk actions) -----------------------------------------

BULK_LIMIT = 500  # reminders one action changes at most: bounded work per request


class BulkAction:
    DONE = "done"
    DISMISS = "dismiss"
    SNOOZE = "snooze"
    NO_REPLY = "no_reply"
    ALL = (DONE, DISMISS, SNOOZE, NO_REPLY)


@dataclass(frozen=True)
class BulkOutcome:
    changed: int  # reminders done, dismissed or snoozed, or conversations closed
    skipped: int  # chosen but not changed: already resolved, or not waiting for a reply


@transaction.atomic
def resolve_reminders(
    *,
    owner: User,
    reminders: list[Reminder],
    action: str,
    until: date | None = None,
    now: datetime | None = None,
) -> BulkOutcome:
    """Do one action to many of the owner's open reminders: done, dismiss, snooze until a day
    (9:00 on the owner's clock), or close their conversations as "no reply".

    All or nothing. Each reminder goes through the same service as one at a time (done still
    plans the next keep-in-touch). Closing as no reply only applies to conversations still
    waiting for a reply (method.md 5.1); the others are counted as skipped, never moved.
    """
    now = current_time(now)
    if action not in BulkAction.ALL:
        raise ValidationError("Choose what to do with them.")
    if any(r.owner_id != owner.pk for r in reminders):
        raise ValidationError("Those reminders aren't yours.")
    if len(reminders) > BULK_LIMIT:
        raise ValidationError(f"At most {BULK_LIMIT} at a time: choose fewer.")
    open_ones = [r for r in reminders if r.status == Reminder.Status.OPEN]
    if action == BulkAction.SNOOZE:
        calendar = owner.calendar
        if until is None or until <= calendar.local_date(now):
            raise ValidationError({"until": "Snooze until a day after today."})
        changed = Reminder.objects.filter(
            owner=owner, status=Reminder.Status.OPEN, pk__in=[r.pk for r in open_ones]
        ).update(
            # A snoozed reminder is mailed again when it falls due again (a new digest).
            due_at=calendar.morning_of(until),
            digest=None,
            updated_at=now,
        )
        return BulkOutcome(changed=changed, skipped=len(reminders) - changed)
    if action == BulkAction.NO_REPLY:
        closed: set[int] = set()
        for reminder in open_ones:
            conversation = reminder.conversation
            if conversation.pk in closed or conversation.stage != Stage.CONTACTED:
                continue
            move_to_stage(conversation=conversation, stage=Stage.NO_REPLY, now=now)
            closed.add(conversation.pk)
        waiting = {r.conversation_id for r in reminders}
        return BulkOutcome(changed=len(closed), skipped=len(waiting) - len(closed))
    resolve = complete_reminder if action == BulkAction.DONE else dismiss_reminder
    changed = 0
    for reminder in open_ones:
        resolve(reminder=reminder, now=now)
        changed += reminder.status != Reminder.Status.OPEN and reminder.resolved_at == now
    return BulkOutcome(changed=changed, skipped=len(reminders) - changed)
