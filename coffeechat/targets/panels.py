"""What the target list contributes to other apps' pages: Today's "whom to ask next"."""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat.accounts.models import User
from coffeechat.targets import contacts, queries
from coffeechat.targets.contacts import StartingPoint


@dataclass(frozen=True)
class WhomToAskPanel:
    """The best person to ask at each of the top five employers (method.md RULE-L6)."""

    points: list[StartingPoint]
    counts: queries.ListCounts
    function_known: bool  # the user's field is known, so people in their function come first


def whom_to_ask_panel(owner: User) -> WhomToAskPanel:
    return WhomToAskPanel(
        points=contacts.starting_points(owner, queries.batch_for(owner)),
        counts=queries.counts_for(owner),
        function_known=bool(contacts.function_terms(owner)),
    )
