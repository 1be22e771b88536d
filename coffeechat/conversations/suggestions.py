"""Who to ask next at the same organization (3B, method.md 5.1, RULE-C1, RULE-C4).

When a request goes unanswered, the 3B reminder suggests the owner's other people at the same
organization; every read is scoped to the owner.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef

from coffeechat.accounts.models import User
from coffeechat.conversations.models import OPEN_STAGES, Conversation, Stage
from coffeechat.network.models import Person

MAX_OPEN_REQUESTS_PER_ORGANIZATION = 2  # method.md RULE-C4
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
