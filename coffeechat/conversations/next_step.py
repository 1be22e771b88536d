"""The next step of a conversation (method.md sections 1, 5, 6, 10): the one place that decides
what a conversation asks of the user now, typed, so pages branch on an action, not a stage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import models

from coffeechat.conversations.models import CLOSED_STAGES, Conversation, Meeting, Reminder, Stage
from coffeechat.network.models import Person

KEEP_IN_TOUCH_WEEKS = 8  # default cadence (method.md 10.1)
MIN_KEEP_IN_TOUCH_WEEKS = 4  # never closer than this, whatever the person's cadence


def cadence_weeks(person: Person) -> int:
    """How often to keep in touch with `person`: their own cadence, 8 weeks by default."""
    return max(person.keep_in_touch_weeks or KEEP_IN_TOUCH_WEEKS, MIN_KEEP_IN_TOUCH_WEEKS)


class Action(models.TextChoices):
    """What the user should do next in a conversation; pages branch on this, not on stages."""

    WRITE_REQUEST = "write_request", "Write the request"
    AWAIT_REPLY = "await_reply", "Wait for a reply"
    OFFER_TIMES = "offer_times", "Answer and offer 2-3 times"
    AWAIT_PICK = "await_pick", "Wait for them to pick a time"
    MEET = "meet", "Meet"
    NO_MEETING = "no_meeting", "Plan a meeting"
    THANK = "thank", "Send the thank-you"
    REPORT_BACK = "report_back", "Act on their advice and report back"
    KEEP_IN_TOUCH = "keep_in_touch", "Keep in touch"
    CLOSED = "closed", "Closed"

    # Pages ask `step.action.is_offer_times`, never compare with a string.
    @property
    def is_write_request(self) -> bool:
        return self is Action.WRITE_REQUEST

    @property
    def is_await_reply(self) -> bool:
        return self is Action.AWAIT_REPLY

    @property
    def is_offer_times(self) -> bool:
        return self is Action.OFFER_TIMES

    @property
    def is_await_pick(self) -> bool:
        return self is Action.AWAIT_PICK

    @property
    def is_meet(self) -> bool:
        return self is Action.MEET

    @property
    def is_no_meeting(self) -> bool:
        return self is Action.NO_MEETING

    @property
    def is_thank(self) -> bool:
        return self is Action.THANK

    @property
    def is_report_back(self) -> bool:
        return self is Action.REPORT_BACK

    @property
    def is_keep_in_touch(self) -> bool:
        return self is Action.KEEP_IN_TOUCH

    @property
    def is_closed(self) -> bool:
        return self is Action.CLOSED


@dataclass(frozen=True)
class NextStep:
    """The one place that decides what a conversation asks of the user now.

    `meeting` is the planned meeting that stands (the next one, or the one under way or just
    over), never a cancelled or held one; `meeting_started` says whether "We met" may be
    pressed (method.md RULE-S3, section 10.1).
    """

    action: Action
    conversation: Conversation
    meeting: Meeting | None = None
    meeting_started: bool = False
    times_offered: int = 0
    follow_up_due: datetime | None = None  # the one follow-up, when it is still too early
    can_follow_up: bool = False
    cadence_weeks: int = KEEP_IN_TOUCH_WEEKS
    keep_in_touch_due: datetime | None = None
    can_prepare: bool = False  # brief, live page and after page are useful
    Action = Action

    @property
    def declined(self) -> bool:
        """They answered the invitation for the meeting that stands with "declined"."""
        return self.meeting is not None and self.meeting.reply == Meeting.Reply.DECLINED


def standing_meeting(
    conversation: Conversation, now: datetime, *, meetings: Sequence[Meeting] | None = None
) -> Meeting | None:
    """The planned meeting that stands: the first not yet over, else the last one planned.

    `meetings`: the conversation's meetings when the page has read them already.
    """
    if meetings is None:
        meetings = list(conversation.meetings.filter(status=Meeting.Status.PLANNED))
    planned = sorted((m for m in meetings if m.is_planned), key=lambda m: m.starts_at)
    upcoming = [m for m in planned if m.ends_at > now]
    if upcoming:
        return upcoming[0]
    return planned[-1] if planned else None


def next_step(
    conversation: Conversation,
    now: datetime,
    *,
    meetings: Sequence[Meeting] | None = None,
    times_offered: int | None = None,
) -> NextStep:
    """The typed next step of `conversation` at `now` (see NextStep).

    A page that has read the conversation's meetings and open offers already (for its Meetings
    card) passes them, `meetings` and `times_offered`, so they aren't read twice.
    """
    stage = conversation.stage
    person = conversation.person
    if stage in CLOSED_STAGES:
        return NextStep(Action.CLOSED, conversation)
    if stage == Stage.IDENTIFIED:
        return NextStep(Action.WRITE_REQUEST, conversation)
    if stage == Stage.CONTACTED:
        due = _open_reminder_due(conversation, Reminder.Kind.FOLLOW_UP)
        return NextStep(
            Action.AWAIT_REPLY,
            conversation,
            follow_up_due=due if due and due > now else None,
            can_follow_up=conversation.can_follow_up,
        )
    if stage == Stage.REPLIED:
        offered = (
            conversation.proposals.filter(accepted=False).count()
            if times_offered is None
            else times_offered
        )
        return NextStep(
            Action.AWAIT_PICK if offered else Action.OFFER_TIMES,
            conversation,
            times_offered=offered,
            can_prepare=True,
        )
    if stage == Stage.SCHEDULED:
        meeting = standing_meeting(conversation, now, meetings=meetings)
        if meeting is None:
            return NextStep(Action.NO_MEETING, conversation, can_prepare=True)
        return NextStep(
            Action.MEET,
            conversation,
            meeting=meeting,
            meeting_started=meeting.starts_at <= now,
            can_prepare=True,
        )
    if stage == Stage.MET:
        return NextStep(Action.THANK, conversation, can_prepare=True)
    weeks = cadence_weeks(person)
    due = _open_reminder_due(conversation, Reminder.Kind.KEEP_IN_TOUCH)
    if stage == Stage.THANKED:
        return NextStep(Action.REPORT_BACK, conversation, cadence_weeks=weeks, can_prepare=True)
    return NextStep(Action.KEEP_IN_TOUCH, conversation, cadence_weeks=weeks, keep_in_touch_due=due)


def _open_reminder_due(conversation: Conversation, kind: str) -> datetime | None:
    return (
        conversation.reminders.filter(status=Reminder.Status.OPEN, kind=kind)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )


def asks_if_met(meeting: Meeting, now: datetime) -> bool:
    """Whether to ask "We met?" about `meeting`: it has ended, is still only planned, and its
    conversation isn't marked met yet (method.md RULE-S8 lets "We met" count from the start;
    Today asks once the meeting is over, the conversation page from its start)."""
    return meeting.is_planned and meeting.ends_at <= now and meeting.conversation.is_before_meeting
