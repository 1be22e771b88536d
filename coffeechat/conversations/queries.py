"""Reads for conversations, reminders and timelines. Every function is scoped to one owner."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

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

CLOSED_ON_BOARD = 30
MAX_OPEN_REQUESTS_PER_ORGANIZATION = 2  # method.md RULE-C4


def get_conversation(owner: User, conversation_id: int) -> Conversation:
    """The owner's conversation, or 404."""
    return get_owned(Conversation.objects.select_related("person__organization", "owner"),
                     owner=owner, pk=conversation_id)


def conversations_for(owner: User, *, stage: str = "", person_id: int | None = None
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
    return get_owned(Reminder.objects.select_related(
            "conversation__person__organization", "conversation__owner"),
            owner=owner, pk=reminder_id)


def conversations_of(person: Person) -> QuerySet[Conversation]:
    return person.conversations.filter(owner_id=person.owner_id).order_by("-created_at")


def end_of_local_day(owner: User, now: datetime) -> datetime:
    calendar = owner.calendar
    today = calendar.local_date(now)
    return datetime.combine(today + timedelta(days=1), time(0), tzinfo=calendar.zone)


def _open_reminders(owner: User) -> QuerySet[Reminder]:
    return (Reminder.objects.filter(owner=owner, status=Reminder.Status.OPEN)
            .select_related("conversation__person__organization").order_by("due_at"))


def due_reminders_for(owner: User, now: datetime) -> QuerySet[Reminder]:
    """Open reminders due by the end of the owner's today (overdue ones first)."""
    return _open_reminders(owner).filter(due_at__lt=end_of_local_day(owner, now))


def upcoming_reminders_for(owner: User, now: datetime, days: int = 7) -> QuerySet[Reminder]:
    """Open reminders due after today and within `days` days."""
    start = end_of_local_day(owner, now)
    return _open_reminders(owner).filter(due_at__gte=start,
                                         due_at__lt=start + timedelta(days=days))


def upcoming_meetings_for(owner: User, now: datetime) -> QuerySet[Meeting]:
    """Planned meetings from `now` on, soonest first (the JSON API's /meetings)."""
    return (Meeting.objects.filter(owner=owner, starts_at__gte=now)
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("conversation__person__organization").order_by("starts_at"))


def meetings_today_for(owner: User, now: datetime) -> QuerySet[Meeting]:
    """Meetings on the owner's local today (cancelled ones left out)."""
    end = end_of_local_day(owner, now)
    return (Meeting.objects.filter(owner=owner, starts_at__gte=end - timedelta(days=1),
                                   starts_at__lt=end)
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("conversation__person__organization").order_by("starts_at"))


def board_for(owner: User) -> list[tuple[Stage, list[Conversation]]]:
    """One column per stage with its conversations; closed ones only the most recent."""
    conversations = (Conversation.objects.filter(owner=owner)
                     .select_related("person__organization").order_by("-stage_changed_at"))
    columns: dict[str, list[Conversation]] = {stage: [] for stage in OPEN_STAGES + CLOSED_STAGES}
    for conversation in conversations:
        column = columns[conversation.stage]
        if conversation.stage in CLOSED_STAGES and len(column) >= CLOSED_ON_BOARD:
            continue
        column.append(conversation)
    return [(Stage(stage), cards) for stage, cards in columns.items()]


def stage_counts_for(owner: User) -> dict[str, int]:
    """How many of the owner's conversations are in each stage."""
    counts = dict.fromkeys(Stage.values, 0)
    rows = Conversation.objects.filter(owner=owner).values("stage").annotate(n=Count("pk"))
    counts.update({row["stage"]: row["n"] for row in rows})
    return counts


def timeline_for(person: Person, limit: int = 200) -> QuerySet[Activity]:
    """The newest lines of the person's timeline."""
    return person.activities.filter(owner_id=person.owner_id).order_by(
        "-occurred_at", "-pk")[:limit]


def reminders_of(conversation: Conversation) -> QuerySet[Reminder]:
    return conversation.reminders.filter(owner_id=conversation.owner_id).order_by(
        "status", "due_at")


# Who to ask next at the same organization (3B, method.md 5.1, RULE-C1, RULE-C4) ---------------

# Among equally warm people, someone known to answer keenly first, someone who never answers last.
SEGMENT_ORDER = [Person.Segment.BOOSTER, Person.Segment.UNKNOWN, Person.Segment.OBLIGATE,
                 Person.Segment.CURMUDGEON]


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


def suggestions_by_conversation(owner: User, conversations: Iterable[Conversation]
                                ) -> dict[int, Suggestions]:
    """`suggestions_for` many conversations in two queries, keyed by conversation id.

    People are the owner's others at the same organization with no open conversation, warmest
    connection first (RULE-C1), then boosters, unknown, obligates, curmudgeons. `open_requests`
    counts the organization's requests still waiting for a reply (RULE-C4 allows 2).
    """
    conversations = [c for c in conversations
                     if c.owner_id == owner.pk and c.person.organization_id is not None]
    organization_ids = {c.person.organization_id for c in conversations}
    if not organization_ids:
        return {}
    by_organization = {pk: Suggestions(organization_id=pk) for pk in organization_ids}
    for person in _askable_people(owner, organization_ids):
        by_organization[person.organization_id].people.append(person)
    for row in (Conversation.objects.filter(owner=owner, stage=Stage.CONTACTED,
                                            person__organization_id__in=organization_ids)
                .values("person__organization_id").annotate(n=Count("pk"))):
        by_organization[row["person__organization_id"]].open_requests = row["n"]
    return {c.pk: _without(by_organization[c.person.organization_id], c.person_id)
            for c in conversations}


# Someone whose conversation is only "identified" hasn't been asked yet: still askable (the
# composer continues that conversation).
ASKED_STAGES = [stage for stage in OPEN_STAGES if stage != Stage.IDENTIFIED]


def _askable_people(owner: User, organization_ids: set[int]) -> list[Person]:
    open_conversation = Conversation.objects.filter(owner=owner, person=OuterRef("pk"),
                                                    stage__in=ASKED_STAGES)
    people = (Person.objects.filter(owner=owner, organization_id__in=organization_ids)
              .exclude(Exists(open_conversation)))
    return sorted(people, key=lambda p: (p.warmth, SEGMENT_ORDER.index(p.segment),
                                         p.full_name.lower(), p.pk))


def _without(suggestions: Suggestions, person_id: int) -> Suggestions:
    # The person asked is filtered out already (their conversation is open); this keeps a
    # closed thread's person from being suggested to themselves all the same.
    return Suggestions(organization_id=suggestions.organization_id,
                       people=[p for p in suggestions.people if p.pk != person_id],
                       open_requests=suggestions.open_requests)


def notes_of(person: Person) -> QuerySet[Note]:
    """The notes kept on `person`, newest first."""
    return person.person_notes.filter(owner_id=person.owner_id).order_by("-created_at", "-pk")
