"""Reads for conversations, reminders and timelines. Every function is scoped to one owner."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import models
from django.db.models import Count, Exists, OuterRef, QuerySet

from coffeechat.accounts.models import User
from coffeechat.conversations.models import (
    CLOSED_STAGES,
    OPEN_STAGES,
    Activity,
    Conversation,
    Meeting,
    Note,
    Reminder,
    Stage,
)
from coffeechat.lib.models import get_owned
from coffeechat.network.models import Person

CLOSED_ON_BOARD = 10  # the most recently closed; all of them on People, filtered by stage
COLUMN_CARDS = 15  # an open column shows this many; the rest are on People, filtered by stage
MAX_OPEN_REQUESTS_PER_ORGANIZATION = 2  # method.md RULE-C4


def get_conversation(owner: User, conversation_id: int) -> Conversation:
    """The owner's conversation, or 404."""
    return get_owned(
        Conversation.objects.select_related("person__organization", "owner"),
        owner=owner,
        pk=conversation_id,
    )


def conversations_for(
    owner: User, *, stage: str = "", person_id: int | None = None
) -> QuerySet[Conversation]:
    """The owner's conversations, of one stage or one person when asked (the JSON API's list)."""
    conversations = Conversation.objects.filter(owner=owner).select_related("person")
    if stage:
        conversations = conversations.filter(stage=stage)
    if person_id:
        conversations = conversations.filter(person_id=person_id)
    return conversations


def reminders_for(owner: User, *, status: str = "") -> QuerySet[Reminder]:
    """The owner's reminders, of one status when asked (the JSON API's list)."""
    reminders = Reminder.objects.filter(owner=owner).select_related("conversation__person")
    return reminders.filter(status=status) if status else reminders


def get_reminder(owner: User, reminder_id: int) -> Reminder:
    """The owner's reminder, or 404."""
    return get_owned(
        Reminder.objects.select_related(
            "conversation__person__organization", "conversation__owner"
        ),
        owner=owner,
        pk=reminder_id,
    )


def conversations_of(person: Person) -> QuerySet[Conversation]:
    return person.conversations.filter(owner_id=person.owner_id).order_by("-created_at")


def end_of_local_day(owner: User, now: datetime) -> datetime:
    calendar = owner.calendar
    today = calendar.local_date(now)
    return datetime.combine(today + timedelta(days=1), time(0), tzinfo=calendar.zone)


def _open_reminders(owner: User) -> QuerySet[Reminder]:
    return (
        Reminder.objects.filter(owner=owner, status=Reminder.Status.OPEN)
        .select_related("conversation__person__organization")
        .order_by("due_at")
    )


def due_reminders_for(owner: User, now: datetime) -> QuerySet[Reminder]:
    """Open reminders due by the end of the owner's today (overdue ones first)."""
    return _open_reminders(owner).filter(due_at__lt=end_of_local_day(owner, now))


def upcoming_reminders_for(owner: User, now: datetime, days: int = 7) -> QuerySet[Reminder]:
    """Open reminders due after today and within `days` days."""
    start = end_of_local_day(owner, now)
    return _open_reminders(owner).filter(due_at__gte=start, due_at__lt=start + timedelta(days=days))


def upcoming_meetings_for(owner: User, now: datetime) -> QuerySet[Meeting]:
    """Planned meetings from `now` on, soonest first (the JSON API's /meetings)."""
    return (
        Meeting.objects.filter(owner=owner, starts_at__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("conversation__person__organization")
        .order_by("starts_at")
    )


def meetings_today_for(owner: User, now: datetime) -> QuerySet[Meeting]:
    """Meetings on the owner's local today (cancelled ones left out)."""
    end = end_of_local_day(owner, now)
    return (
        Meeting.objects.filter(
            owner=owner, starts_at__gte=end - timedelta(days=1), starts_at__lt=end
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("conversation__person__organization")
        .order_by("starts_at")
    )


class Cards(list[Conversation]):
    """A column's first cards; `total`: how many conversations the stage holds."""

    total: int = 0


def board_for(owner: User) -> list[tuple[Stage, Cards]]:
    """One column per stage with its most recently moved conversations, at most
    COLUMN_CARDS each (CLOSED_ON_BOARD for the closed ones), and every column's total.

    One query per column through the (owner, stage, stage_changed_at) index, never the whole
    pipeline: 20,000 conversations cost what 200 do.
    """
    totals = stage_counts_for(owner)
    board = []
    for stage in OPEN_STAGES + CLOSED_STAGES:
        cap = CLOSED_ON_BOARD if stage in CLOSED_STAGES else COLUMN_CARDS
        cards = Cards(
            Conversation.objects.filter(owner=owner, stage=stage)
            .select_related("person__organization")
            .order_by("-stage_changed_at")[:cap]
            if totals[stage]
            else []
        )
        cards.total = totals[stage]
        board.append((Stage(stage), cards))
    return board


def stage_counts_for(owner: User) -> dict[str, int]:
    """How many of the owner's conversations are in each stage."""
    counts = dict.fromkeys(Stage.values, 0)
    rows = Conversation.objects.filter(owner=owner).values("stage").annotate(n=Count("pk"))
    counts.update({row["stage"]: row["n"] for row in rows})
    return counts


def timeline_for(person: Person, limit: int = 200) -> QuerySet[Activity]:
    """The newest lines of the person's timeline."""
    return person.activities.filter(owner_id=person.owner_id).order_by("-occurred_at", "-pk")[
        :limit
    ]


def reminders_of(conversation: Conversation) -> QuerySet[Reminder]:
    return conversation.reminders.filter(owner_id=conversation.owner_id).order_by(
        "status", "due_at"
    )


# Who to ask next at the same organization (3B, method.md 5.1, RULE-C1, RULE-C4) ---------------

# Among equally warm people, someone known to answer keenly first, someone who never answers last.
SEGMENT_ORDER: list[str] = [  # Person.segment is the stored text
    Person.Segment.BOOSTER,
    Person.Segment.UNKNOWN,
    Person.Segment.OBLIGATE,
    Person.Segment.CURMUDGEON,
]


@dataclass
class Suggestions:
    """Other people to ask at one organization, and whether it already has enough requests."""

    organization_id: int
    people: list[Person] = field(default_factory=list)
    open_requests: int = 0

    @property
    def is_at_limit(self) -> bool:
        return self.open_requests >= MAX_OPEN_REQUESTS_PER_ORGANIZATION


def suggestions_for(conversation: Conversation) -> Suggestions | None:
    """Who else to ask at the conversation's organization; None when the person has none."""
    return suggestions_by_conversation(conversation.owner, [conversation]).get(conversation.pk)


def suggestions_by_conversation(
    owner: User, conversations: Iterable[Conversation]
) -> dict[int, Suggestions]:
    """`suggestions_for` many conversations in two queries, keyed by conversation id.

    People are the owner's others at the same organization with no open conversation, warmest
    connection first (RULE-C1), then boosters, unknown, obligates, curmudgeons. `open_requests`
    counts the organization's requests still waiting for a reply (RULE-C4 allows 2).
    """
    asked = [
        (c, organization_id)
        for c in conversations
        if c.owner_id == owner.pk and (organization_id := c.person.organization_id) is not None
    ]
    organization_ids = {organization_id for _, organization_id in asked}
    if not organization_ids:
        return {}
    by_organization = {pk: Suggestions(organization_id=pk) for pk in organization_ids}
    for person in _askable_people(owner, organization_ids):
        if person.organization_id is not None:  # always: they were chosen by organization
            by_organization[person.organization_id].people.append(person)
    for row in (
        Conversation.objects.filter(
            owner=owner, stage=Stage.CONTACTED, person__organization_id__in=organization_ids
        )
        .values("person__organization_id")
        .annotate(n=Count("pk"))
    ):
        by_organization[row["person__organization_id"]].open_requests = row["n"]
    return {
        c.pk: _without(by_organization[organization_id], c.person_id)
        for c, organization_id in asked
    }


# Someone whose conversation is only "identified" hasn't been asked yet: still askable (the
# composer continues that conversation).
ASKED_STAGES = [stage for stage in OPEN_STAGES if stage != Stage.IDENTIFIED]


def _askable_people(owner: User, organization_ids: set[int]) -> list[Person]:
    open_conversation = Conversation.objects.filter(
        owner=owner, person=OuterRef("pk"), stage__in=ASKED_STAGES
    )
    people = Person.objects.filter(owner=owner, organization_id__in=organization_ids).exclude(
        Exists(open_conversation)
    )
    return sorted(
        people, key=lambda p: (p.warmth, SEGMENT_ORDER.index(p.segment), p.full_name.lower(), p.pk)
    )


def _without(suggestions: Suggestions, person_id: int) -> Suggestions:
    # The person asked is filtered out already (their conversation is open); this keeps a
    # closed thread's person from being suggested to themselves all the same.
    return Suggestions(
        organization_id=suggestions.organization_id,
        people=[p for p in suggestions.people if p.pk != person_id],
        open_requests=suggestions.open_requests,
    )


def notes_of(person: Person) -> QuerySet[Note]:
    """The notes kept on `person`, newest first."""
    return person.person_notes.filter(owner_id=person.owner_id).order_by("-created_at", "-pk")


# Today's sections: each capped, with its count and "show all" (never the whole backlog) ------

SECTION_ROWS = 10  # rows a section of Today shows; the rest are one "Show all" away
COUNT_CAP = 1000  # counted exactly up to here, then "more than 1,000"


class Section:
    OVERDUE = "overdue"
    TODAY = "today"
    UPCOMING = "upcoming"
    ALL = (OVERDUE, TODAY, UPCOMING)
    TITLES = {OVERDUE: "Overdue", TODAY: "Due today", UPCOMING: "Coming up this week"}


def section_reminders(owner: User, section: str, now: datetime) -> QuerySet[Reminder]:
    """The owner's open reminders of one section of Today, oldest first."""
    end = end_of_local_day(owner, now)
    reminders = _open_reminders(owner)
    if section == Section.OVERDUE:
        return reminders.filter(due_at__lt=now)
    if section == Section.TODAY:
        return reminders.filter(due_at__gte=now, due_at__lt=end)
    return reminders.filter(due_at__gte=end, due_at__lt=end + timedelta(days=7))


@dataclass
class TodaySection:
    name: str
    rows: list[Reminder]
    count: int  # exact up to COUNT_CAP, COUNT_CAP + 1 beyond
    kinds: list[tuple[str, int]]  # (label, how many) when the rows are of several kinds

    @property
    def title(self) -> str:
        return Section.TITLES[self.name]

    @property
    def heading_id(self) -> str:
        return {Section.TODAY: "due-h"}.get(self.name, f"{self.name}-h")

    @property
    def is_capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def count_text(self) -> str:
        return f"{COUNT_CAP:,}+" if self.is_capped else str(self.count)

    @property
    def has_more(self) -> bool:
        return self.count > len(self.rows)


def today_section(owner: User, section: str, now: datetime) -> TodaySection:
    """One section of Today in two queries, whatever the backlog: the first rows, and how
    many of each kind among the first COUNT_CAP + 1 (their sum is the count)."""
    reminders = section_reminders(owner, section, now)
    rows = list(reminders[:SECTION_ROWS])
    # The same two queries however few there are; the count is the kinds' sum (of at most
    # COUNT_CAP + 1 rows: an index range, not the whole backlog).
    counted = Reminder.objects.filter(pk__in=reminders.values("pk")[: COUNT_CAP + 1])
    labels = dict(Reminder.Kind.choices)
    kinds = [
        (labels[row["kind"]], row["n"])
        for row in counted.order_by().values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    ]
    return TodaySection(
        name=section,
        rows=rows,
        count=sum(n for _label, n in kinds),
        kinds=kinds if len(kinds) > 1 else [],
    )


# The next step of a conversation (method.md sections 1, 5, 6, 10) --------------------------------

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
