"""What strategy contributes to other apps' pages: the brief's obstacles, the tag buttons of live
and After, and the obstacles raised in the conversation."""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat.accounts.models import User
from coffeechat.conversations.models import Conversation
from coffeechat.prep.models import Capture
from coffeechat.strategy import evidence_items, queries
from coffeechat.strategy.evidence_items import TagPanel


@dataclass(frozen=True)
class BriefObstaclesPanel:
    """The brief's obstacles: pick which to raise, add one, plan a question about each."""

    rows: list[queries.BriefObstacle]


def brief_obstacles_panel(conversation: Conversation) -> BriefObstaclesPanel:
    return BriefObstaclesPanel(rows=queries.brief_obstacles(conversation))


def occupation_options_panel(
    owner: User, code: str, choosing_id: int | None
) -> queries.OccupationOptions:
    """An occupation's page: the user's options for this work, the employers they name and
    which are targets; with `choosing_id` (an option's occupation search), that option."""
    return queries.occupation_options(owner, code, choosing_id)


def tag_panel(owner: User, conversation: Conversation) -> TagPanel:
    """The tags given on this conversation's items, and the options to link them to."""
    return evidence_items.tag_panel(owner, conversation)


@dataclass(frozen=True)
class RaisedObstaclesPanel:
    """After: the obstacles raised here, with this conversation's advice to link to each."""

    conversation: Conversation
    rows: list[queries.BriefObstacle]  # each with the ids of the advice linked to it
    advice: list[Capture]


def raised_obstacles_panel(
    conversation: Conversation, captures: list[Capture]
) -> RaisedObstaclesPanel:
    rows = [row for row in queries.brief_obstacles(conversation) if row.raised]
    for obstacle_id, capture_id in queries.linked_advice(
        conversation, [row.obstacle for row in rows]
    ):
        next(r for r in rows if r.obstacle.pk == obstacle_id).linked_ids.add(capture_id)
    return RaisedObstaclesPanel(
        conversation=conversation,
        rows=rows,
        advice=[c for c in captures if c.kind != "referral"],
    )
