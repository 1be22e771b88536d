"""Reads for the self-assessment. Every function takes the owner and sees only their rows.

Used by other apps (keep these names and shapes stable):

- `latest_interest_code(owner) -> str | None`: the top three RIASEC letters of the owner's
  latest completed inventory ("SIE"), ties broken in RIASEC order; None if none is completed.
- `latest_scores(owner) -> dict[str, int] | None`: that result's score per type, keys "R", "I",
  "A", "S", "E", "C"; each is a sum of 0-4 answers, from 0 to `inventory.max_score()` (24 in
  version 1). None if no inventory is completed. To compare with a profile on another scale
  (O*NET's interest ratings run 1-7), divide by the maximum first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, QuerySet

from coffeechat.accounts.models import User
from coffeechat.assessment import inventory, scoring
from coffeechat.assessment.models import InterestAttempt, Talent, WorkValue
from coffeechat.lib.models import get_owned

HISTORY = 10  # results listed on the page; older ones stay stored and exported


def completed_of(owner: User) -> QuerySet[InterestAttempt]:
    """The owner's completed inventories, newest first."""
    return InterestAttempt.objects.filter(owner=owner, completed_at__isnull=False).order_by(
        "-completed_at", "-pk"
    )


def latest_result(owner: User) -> InterestAttempt | None:
    return completed_of(owner).first()


def latest_interest_code(owner: User) -> str | None:
    """The owner's latest RIASEC code, e.g. "SIE" (see the module docstring)."""
    return completed_of(owner).values_list("code", flat=True).first()


def latest_scores(owner: User) -> dict[str, int] | None:
    """The owner's latest score per RIASEC type (see the module docstring)."""
    found = completed_of(owner).values_list("scores", flat=True).first()
    return {letter: int(found[letter]) for letter in inventory.TYPES} if found else None


def has_completed_inventory(owner: User) -> bool:
    return completed_of(owner).exists()


def draft_of(owner: User) -> InterestAttempt | None:
    """The inventory the owner has started and not finished, if any."""
    return InterestAttempt.objects.filter(owner=owner, completed_at__isnull=True).first()


def draft_and_latest(owner: User) -> tuple[InterestAttempt | None, InterestAttempt | None]:
    """The draft and the latest result, in one query (the draft sorts first: no date yet)."""
    rows = list(
        InterestAttempt.objects.filter(owner=owner).order_by(
            F("completed_at").desc(nulls_first=True), "-pk"
        )[:2]
    )
    draft = rows.pop(0) if rows and not rows[0].is_complete else None
    return draft, (rows[0] if rows else None)


def history_of(owner: User, limit: int = HISTORY) -> list[InterestAttempt]:
    return list(completed_of(owner)[:limit])


def get_result(owner: User, attempt_id: int) -> InterestAttempt:
    """One of the owner's completed inventories, or 404."""
    return get_owned(completed_of(owner), owner=owner, pk=attempt_id)


# Showing a result ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TypeScore:
    kind: inventory.Kind
    score: int
    maximum: int
    place: int  # 1 = highest; equal scores get places in RIASEC order

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.maximum) if self.maximum else 0

    @property
    def in_code(self) -> bool:
        return self.place <= 3


@dataclass(frozen=True)
class Result:
    attempt: InterestAttempt
    code: str
    rows: list[TypeScore]  # in RIASEC order, the way the hexagon reads
    ties: list[scoring.Tie]
    completed_at: datetime

    @property
    def top(self) -> list[TypeScore]:
        return sorted((row for row in self.rows if row.in_code), key=lambda row: row.place)


def result_of(attempt: InterestAttempt) -> Result:
    """A completed attempt as the page shows it: score per type, the code, the ties."""
    assert attempt.completed_at is not None
    totals = {letter: int(attempt.scores.get(letter, 0)) for letter in inventory.TYPES}
    places = {letter: n for n, letter in enumerate(scoring.ranked(totals), start=1)}
    maximum = inventory.max_score(attempt.version)
    rows = [
        TypeScore(
            kind=inventory.KINDS[letter],
            score=totals[letter],
            maximum=maximum,
            place=places[letter],
        )
        for letter in inventory.TYPES
    ]
    return Result(
        attempt=attempt,
        code=attempt.code,
        rows=rows,
        ties=scoring.ties(totals),
        completed_at=attempt.completed_at,
    )


@dataclass(frozen=True)
class AnsweredItem:
    item: inventory.Item
    answer: int | None

    @property
    def answer_label(self) -> str:
        return "" if self.answer is None else inventory.SCALE[self.answer].label


def answers_by_type(attempt: InterestAttempt) -> list[tuple[inventory.Kind, list[AnsweredItem]]]:
    """What the attempt answered, item by item, grouped by type (how each score came about)."""
    items = inventory.items_of(attempt.version)
    return [
        (
            inventory.KINDS[letter],
            [
                AnsweredItem(item, attempt.answers.get(item.key))
                for item in items
                if item.kind == letter
            ],
        )
        for letter in inventory.TYPES
    ]


# Values and talents ----------------------------------------------------------------------------


def values_of(owner: User) -> QuerySet[WorkValue]:
    """The owner's chosen values, most important first."""
    return WorkValue.objects.filter(owner=owner).order_by("position", "pk")


def get_value(owner: User, value_id: int) -> WorkValue:
    return get_owned(values_of(owner), owner=owner, pk=value_id)


def talents_of(owner: User) -> QuerySet[Talent]:
    """The owner's talents, in their order."""
    return Talent.objects.filter(owner=owner).order_by("position", "pk")


def get_talent(owner: User, talent_id: int) -> Talent:
    return get_owned(talents_of(owner), owner=owner, pk=talent_id)
