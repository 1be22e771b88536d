"""Reads for business cards. Every function is scoped to one owner."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from coffeechat.accounts.models import User
from coffeechat.cards.models import Card
from coffeechat.lib.models import get_owned

Status = Card.Status


def get_card(owner: User, card_id: int) -> Card:
    """The owner's card, or 404, also when the id belongs to someone else."""
    return get_owned(Card.objects.select_related("owner"), owner=owner, pk=card_id)


def cards_to_review(owner: User) -> QuerySet[Card]:
    """The owner's cards still in the review queue, oldest first."""
    return Card.objects.filter(owner=owner, status__in=Card.OPEN)


def next_card_to_review(owner: User) -> Card | None:
    """The oldest card that is ready to review, else the oldest one still being read."""
    queue = cards_to_review(owner)
    return queue.exclude(status=Status.QUEUED).first() or queue.first()


@dataclass(frozen=True)
class Progress:
    reading: int
    ready: int

    @property
    def total(self) -> int:
        return self.reading + self.ready


def progress_for(owner: User) -> Progress:
    """How many of the owner's queued cards are still being read and how many are ready."""
    counts = cards_to_review(owner).aggregate(
        reading=Count("pk", filter=Q(status=Status.QUEUED)),
        ready=Count("pk", filter=~Q(status=Status.QUEUED)),
    )
    return Progress(reading=counts["reading"], ready=counts["ready"])


def last_event_for(owner: User) -> str:
    """The event of the owner's most recent card: event mode remembers it between photos."""
    return (
        Card.objects.filter(owner=owner)
        .order_by("-created_at", "-pk")
        .values_list("event", flat=True)
        .first()
        or ""
    )
