"""Scoring the interest inventory (method.md RULE-A1): a sum per type, the top three letters, ties.

Pure functions of the answers, so a result can be re-scored and tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat.assessment import inventory
from coffeechat.assessment.inventory import TYPES


def missing(answers: dict[str, int], version: int = inventory.VERSION) -> list[inventory.Item]:
    """The items of `version` with no answer yet, in the order they are asked."""
    return [item for item in inventory.items_of(version) if item.key not in answers]


def scores(answers: dict[str, int], version: int = inventory.VERSION) -> dict[str, int]:
    """Each type's score: the sum of the answers to its items (each item counted once)."""
    totals = dict.fromkeys(TYPES, 0)
    for item in inventory.items_of(version):
        totals[item.kind] += answers.get(item.key, 0)
    return totals


def ranked(totals: dict[str, int]) -> list[str]:
    """The letters from the highest score down; equal scores keep RIASEC order."""
    return sorted(TYPES, key=lambda letter: (-totals[letter], TYPES.index(letter)))


def top_three(totals: dict[str, int]) -> str:
    """The interest code, e.g. "SIE". Deterministic: ties are broken in RIASEC order, and
    `ties` says where that happened so the page can be honest about it."""
    return "".join(ranked(totals)[:3])


@dataclass(frozen=True)
class Tie:
    letters: str  # in RIASEC order, e.g. "SE"
    score: int
    places: tuple[int, ...]  # the places (1-based) these letters share in the ranking

    @property
    def crosses_cut(self) -> bool:
        """Part of the tie is in the top three and part is not: the third letter is a coin toss."""
        return self.places[0] <= 3 < self.places[-1]

    def sentence(self) -> str:
        """The tie in words, e.g. "A and E tie at 15: ..."."""
        if len(self.letters) == len(TYPES):
            return f"All six types tie at {self.score}: no type stands out yet."
        head = f"{_joined(self.letters)} tie at {self.score}"
        if not self.crosses_cut:
            return f"{head}: their order in your code is only RIASEC order."
        inside = self.letters_in_code
        outside = "".join(letter for letter in self.letters if letter not in inside)
        verb = "fits" if len(outside) == 1 else "fit"
        return (
            f"{head}: the code takes {_joined(inside)} by RIASEC order, but "
            f"{_joined(outside)} {verb} you just as well."
        )

    @property
    def letters_in_code(self) -> str:
        return "".join(self.letters[: 3 - self.places[0] + 1])


def _joined(letters: str) -> str:
    if len(letters) <= 2:
        return " and ".join(letters)
    return ", ".join(letters[:-1]) + f" and {letters[-1]}"


def ties(totals: dict[str, int]) -> list[Tie]:
    """Groups of equal scores that touch the top three (ties further down change nothing)."""
    order = ranked(totals)
    groups: dict[int, list[int]] = {}
    for place, letter in enumerate(order, start=1):
        groups.setdefault(totals[letter], []).append(place)
    found = []
    for score, places in groups.items():
        if len(places) > 1 and places[0] <= 3:
            letters = "".join(sorted((order[p - 1] for p in places), key=TYPES.index))
            found.append(Tie(letters=letters, score=score, places=tuple(places)))
    return sorted(found, key=lambda tie: tie.places[0])
