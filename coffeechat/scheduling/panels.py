"""What scheduling contributes to pages: a conversation's Meetings card, Settings' calendar feed.

Offer times, the reply to copy, and the meetings with their calendar actions. A view that
re-renders the page after a failed POST passes its bound form (`slot_form`, or `reschedule`
with the meeting it belongs to) so the card shows what was typed and why it was refused. A page
that read the meetings and open offers already passes them (`meetings`, `proposals`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.models import User
from coffeechat.conversations.forms import MeetingForm
from coffeechat.conversations.models import Conversation, Meeting, SlotProposal
from coffeechat.network.models import Person
from coffeechat.scheduling import hours, invites, queries, replies, zones
from coffeechat.scheduling.forms import AnswerForm, CancelForm, RescheduleForm, SlotsForm


@dataclass(frozen=True)
class ProposalRow:
    proposal: SlotProposal
    yours: str  # the time on the owner's clock
    theirs: str  # the same time on the person's clock
    warnings: list[str]


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    yours: str
    theirs: str
    reschedule_form: RescheduleForm
    is_reschedule_open: bool  # the reschedule form came back with errors
    cancel_form: CancelForm
    answer_form: AnswerForm

    @property
    def is_planned(self) -> bool:
        return self.meeting.is_planned

    @property
    def is_declined(self) -> bool:
        return self.meeting.is_declined


@dataclass(frozen=True)
class Reschedule:
    """A reschedule form that failed, and the meeting it was for."""

    meeting_id: int
    form: RescheduleForm


@dataclass(frozen=True)
class MeetingPanel:
    conversation: Conversation
    person: Person
    your_zone: str
    their_zone: str
    same_zone: bool
    your_now: str
    their_now: str
    proposals: list[ProposalRow]
    reply: str  # the scheduling reply to copy, with the times offered
    slot_form: SlotsForm
    meeting_form: MeetingForm  # "they suggested a time": add the meeting directly
    meetings: list[MeetingRow]
    can_email: bool  # without a real mailer an invitation would only reach the server's log

    @property
    def has_planned(self) -> bool:
        return any(row.is_planned for row in self.meetings)


def meeting_panel(
    owner: User,
    conversation: Conversation,
    *,
    now: datetime,
    meetings: Sequence[Meeting] | None = None,
    proposals: Sequence[SlotProposal] | None = None,
    slot_form: SlotsForm | None = None,
    meeting_form: MeetingForm | None = None,
    reschedule: Reschedule | None = None,
) -> MeetingPanel:
    person = conversation.person
    yours = zones.zone_of_user(owner)
    theirs = zones.zone_of_person(person, owner)
    if proposals is None:
        proposals = list(queries.open_proposals_of(conversation))
    if meetings is None:
        meetings = list(queries.meetings_of(conversation))
    rows = [_meeting_row(owner, meeting, yours, theirs, reschedule) for meeting in meetings]
    return MeetingPanel(
        conversation=conversation,
        person=person,
        your_zone=zones.zone_label(yours),
        their_zone=zones.zone_label(theirs),
        same_zone=yours.key == theirs.key,
        your_now=f"{zones.local(now, yours):%H:%M}",
        their_now=f"{zones.local(now, theirs):%H:%M}",
        proposals=[
            ProposalRow(
                proposal=p,
                yours=zones.format_slot(p.starts_at, p.minutes, yours),
                theirs=zones.format_slot(p.starts_at, p.minutes, theirs),
                warnings=hours.slot_warnings(
                    owner=owner, person=person, starts_at=p.starts_at, minutes=p.minutes
                ),
            )
            for p in proposals
        ],
        reply=replies.scheduling_reply(owner=owner, person=person, slots=proposals),
        slot_form=slot_form or SlotsForm(owner=owner, prefix="offer"),
        meeting_form=meeting_form or MeetingForm(owner=owner),
        meetings=rows,
        can_email=invites.can_email(owner) if rows else False,
    )


def _meeting_row(
    owner: User,
    meeting: Meeting,
    yours: zones.ZoneInfo,
    theirs: zones.ZoneInfo,
    reschedule: Reschedule | None,
) -> MeetingRow:
    bound = reschedule.form if reschedule and reschedule.meeting_id == meeting.pk else None
    local_start = timezone.localtime(meeting.starts_at, yours).replace(tzinfo=None)
    return MeetingRow(
        meeting=meeting,
        yours=zones.format_slot(meeting.starts_at, meeting.minutes, yours),
        theirs=zones.format_slot(meeting.starts_at, meeting.minutes, theirs),
        reschedule_form=bound
        or RescheduleForm(
            owner=owner,
            prefix=f"move-{meeting.pk}",
            initial={
                "starts_at": local_start,
                "minutes": meeting.minutes,
                "mode": meeting.mode,
                "place": meeting.place,
                "notify": bool(meeting.invite_sent_at),
            },
        ),
        is_reschedule_open=bound is not None,
        cancel_form=CancelForm(
            prefix=f"cancel-{meeting.pk}", initial={"notify": bool(meeting.invite_sent_at)}
        ),
        answer_form=AnswerForm(prefix=f"answer-{meeting.pk}"),
    )


@dataclass(frozen=True)
class CalendarFeedPanel:
    """Settings: the secret feed address (https and webcal), or "" while the feed is off."""

    https_url: str
    webcal_url: str

    @property
    def is_on(self) -> bool:
        return bool(self.https_url)


def calendar_feed_panel(owner: User, *, absolute: Callable[[str], str]) -> CalendarFeedPanel:
    """`absolute` makes a path a full address on the host the user reached (the request's)."""
    if not owner.calendar_token:
        return CalendarFeedPanel(https_url="", webcal_url="")
    https_url = absolute(reverse("scheduling:feed", args=[owner.calendar_token]))
    return CalendarFeedPanel(
        https_url=https_url, webcal_url="webcal://" + https_url.split("://", 1)[1]
    )
