"""The demo's self-assessment: two interest results (interests shifted toward product work),
ranked values and talents, all through coffeechat.assessment.services."""

from __future__ import annotations

from datetime import datetime, timedelta

from coffeechat.accounts.models import User
from coffeechat.assessment import inventory, queries, services

# Answers per type, in the order of each type's items (inventory version 1).
EARLIER = {
    "R": [1, 0, 2, 1, 2, 0],
    "I": [4, 4, 3, 4, 3, 3],
    "A": [2, 1, 3, 2, 1, 1],
    "S": [2, 3, 2, 3, 2, 2],
    "E": [3, 2, 3, 2, 3, 3],
    "C": [3, 4, 3, 3, 4, 3],
}  # ICE
LATEST = {
    "R": [1, 0, 2, 1, 2, 0],
    "I": [4, 4, 3, 4, 3, 4],
    "A": [2, 2, 3, 3, 1, 1],
    "S": [3, 4, 4, 3, 2, 3],
    "E": [4, 3, 3, 2, 4, 4],
    "C": [3, 3, 3, 2, 3, 2],
}  # IES
VALUES = ["learning", "autonomy", "balance", "challenge", "team", "pay", "location"]
OWN_VALUE = ("Patients first", "Work that ends up helping patients, even from a desk.")
OWN_VALUE_PLACE = 2  # third, after learning and autonomy
TALENTS = [
    "Turning a messy spreadsheet into a clear story",
    "Explaining numbers to people who dislike numbers",
    "Getting clinicians and engineers to agree on what to build",
    "Writing SQL that someone else can read a year later",
]


def _answers(by_type: dict[str, list[int]]) -> dict[str, int]:
    position: dict[str, int] = {}
    answers = {}
    for item in inventory.items_of(1):
        n = position.get(item.kind, 0)
        answers[item.key] = by_type[item.kind][n]
        position[item.kind] = n + 1
    return answers


def load(user: User, *, now: datetime) -> dict[str, int]:
    services.take_inventory(owner=user, answers=_answers(EARLIER), now=now - timedelta(days=120))
    services.take_inventory(owner=user, answers=_answers(LATEST), now=now - timedelta(days=12))
    services.choose_values(owner=user, keys=VALUES, now=now - timedelta(days=11))
    own = services.add_own_value(
        owner=user, name=OWN_VALUE[0], description=OWN_VALUE[1], now=now - timedelta(days=11)
    )
    order = list(queries.values_of(user).values_list("pk", flat=True))
    order.insert(OWN_VALUE_PLACE, order.pop(order.index(own.pk)))
    services.rank_values(owner=user, order=order)
    for text in TALENTS:
        services.add_talent(owner=user, text=text, now=now - timedelta(days=10))
    return {"interest results": 2, "values": len(VALUES) + 1, "talents": len(TALENTS)}
