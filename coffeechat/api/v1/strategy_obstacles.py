"""Obstacles of the career strategy (coffeechat.strategy), their actions, and where they come
up in conversations: raised in a brief, asked about, advice linked (method.md 11.4). Split off
strategy.py for length; the operation ids stay those of strategy.py (api.v1.SPLIT_FROM)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.responses import Status
from pydantic import Field, StringConstraints

from coffeechat.api.v1.common import (
    NO_NUL,
    Day,
    LongText,
    Name200,
    Text200,
    answers,
    idempotent,
    owner_of,
    with_etag,
)
from coffeechat.api.v1.strategy import Id
from coffeechat.conversations import queries as conversation_queries
from coffeechat.prep import queries as prep_queries
from coffeechat.prep.models import Question
from coffeechat.strategy import obstacles, queries
from coffeechat.strategy.models import Action, Obstacle

router = Router()


# Obstacles and their actions -----------------------------------------------------------------


class ActionOut(Schema):
    id: int
    obstacle_id: int
    text: str
    due_on: Any = Field(None, description="A date (YYYY-MM-DD) or null.")
    done_at: datetime | None


class ObstacleOut(Schema):
    id: int
    title: str
    notes: str
    status: str = Field(description="open, working or closed.")
    closed_at: datetime | None
    actions: list[ActionOut]
    conversation_count: int = Field(description="Conversations you raise it in.")
    question_count: int = Field(description="Questions about it in your conversations' plans.")
    advice_count: int = Field(description="Pieces of advice linked to it.")

    @staticmethod
    def resolve_actions(obstacle: Obstacle) -> list[Action]:
        return list(obstacle.actions.all())


class ObstacleIn(Schema):
    title: Name200
    notes: LongText = ""


class ObstaclePatch(Schema):
    title: Text200 | None = None
    notes: LongText | None = None
    status: Obstacle.Status | None = None


class ActionIn(Schema):
    text: Annotated[str, StringConstraints(min_length=1, max_length=300), NO_NUL]
    due_on: Day | None = None


class ActionPatch(Schema):
    done: bool


def _obstacle(owner: Any, obstacle_id: int) -> Obstacle:
    """With its actions, as the obstacles page shows it (at most 100 obstacles), or 404."""
    found = [o for o in queries.obstacles_for(owner) if o.pk == obstacle_id]
    if not found:
        raise Http404
    return found[0]


def _changed(
    request: HttpRequest, obstacle_id: int, change: Callable[..., object], **how: Any
) -> Obstacle:
    """The owner's obstacle (or 404), changed by `change` (a service), answered as `_obstacle`."""
    owner = owner_of(request)
    change(obstacle=queries.get_obstacle(owner, obstacle_id), **how)
    return _obstacle(owner, obstacle_id)


@router.get("/strategy/obstacles", response=answers(list[ObstacleOut]), tags=["strategy"])
@decorate_view(with_etag)
def list_obstacles(request: HttpRequest) -> Any:
    """What stands between you and the work you want, the ones you're working on first."""
    return queries.obstacles_for(owner_of(request))


@router.post("/strategy/obstacles", response=answers(ObstacleOut, 201), tags=["strategy"])
@decorate_view(idempotent)
def create_obstacle(request: HttpRequest, payload: ObstacleIn) -> Status[Obstacle]:
    owner = owner_of(request)
    obstacle = obstacles.add_obstacle(owner=owner, **payload.dict())
    return Status(201, _obstacle(owner, obstacle.pk))


@router.get("/strategy/obstacles/{obstacle_id}", response=answers(ObstacleOut), tags=["strategy"])
@decorate_view(with_etag)
def get_obstacle(request: HttpRequest, obstacle_id: Id) -> Obstacle:
    return _obstacle(owner_of(request), obstacle_id)


@router.patch("/strategy/obstacles/{obstacle_id}", response=answers(ObstacleOut), tags=["strategy"])
def update_obstacle(request: HttpRequest, obstacle_id: Id, payload: ObstaclePatch) -> Obstacle:
    """Reword it, or move it: open, working (on it) or closed."""
    sent = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return _changed(request, obstacle_id, obstacles.update_obstacle, **sent)


@router.delete("/strategy/obstacles/{obstacle_id}", response=answers(None, 204), tags=["strategy"])
def delete_obstacle(request: HttpRequest, obstacle_id: Id) -> Status[None]:
    """Remove it and its actions (questions and advice stay where they are)."""
    obstacles.delete_obstacle(obstacle=queries.get_obstacle(owner_of(request), obstacle_id))
    return Status(204, None)


@router.post(
    "/strategy/obstacles/{obstacle_id}/actions",
    response=answers(ActionOut, 201),
    tags=["strategy"],
)
@decorate_view(idempotent)
def add_action(request: HttpRequest, obstacle_id: Id, payload: ActionIn) -> Status[Action]:
    """A next step; adding one to an open obstacle means you're working on it."""
    obstacle = queries.get_obstacle(owner_of(request), obstacle_id)
    return Status(201, obstacles.add_action(obstacle=obstacle, **payload.dict()))


@router.patch("/strategy/actions/{action_id}", response=answers(ActionOut), tags=["strategy"])
def update_action(request: HttpRequest, action_id: Id, payload: ActionPatch) -> Action:
    """Mark it done, or not done again."""
    action = queries.get_action(owner_of(request), action_id)
    return obstacles.set_action_done(action=action, done=payload.done)


@router.delete("/strategy/actions/{action_id}", response=answers(None, 204), tags=["strategy"])
def delete_action(request: HttpRequest, action_id: Id) -> Status[None]:
    obstacles.delete_action(action=queries.get_action(owner_of(request), action_id))
    return Status(204, None)


# Obstacles in conversations: raised in a brief, asked about, advice linked (method.md 11.4) ----


class RaiseNewIn(Schema):
    title: Name200 = Field(description="A new obstacle, or one you have (raised as it is).")


class RaisedIn(Schema):
    raised: bool = Field(True, description="false: no longer raise it in this conversation.")


class LinkedIn(Schema):
    linked: bool = Field(True, description="false unlinks it.")


class QuestionOut(Schema):
    id: int
    conversation_id: int
    text: str


@router.post(
    "/conversations/{conversation_id}/obstacles",
    response=answers(ObstacleOut, 201),
    tags=["strategy"],
)
@decorate_view(idempotent)
def raise_new_obstacle(
    request: HttpRequest, conversation_id: Id, payload: RaiseNewIn
) -> Status[Obstacle]:
    """Raise an obstacle in the conversation's brief: a new one, or the one you have with the
    same title."""
    owner = owner_of(request)
    conversation = conversation_queries.get_conversation(owner, conversation_id)
    obstacle = obstacles.raise_new(conversation=conversation, title=payload.title)
    return Status(201, _obstacle(owner, obstacle.pk))


@router.post(
    "/conversations/{conversation_id}/obstacles/{obstacle_id}/raise",
    response=answers(ObstacleOut),
    tags=["strategy"],
)
def raise_obstacle(
    request: HttpRequest, conversation_id: Id, obstacle_id: Id, payload: RaisedIn
) -> Obstacle:
    """Raise one of your obstacles in the conversation's brief, or stop raising it there."""
    conversation = conversation_queries.get_conversation(owner_of(request), conversation_id)
    return _changed(
        request,
        obstacle_id,
        obstacles.set_raised,
        conversation=conversation,
        raised=payload.raised,
    )


@router.post(
    "/conversations/{conversation_id}/obstacles/{obstacle_id}/ask",
    response=answers(QuestionOut, 201),
    tags=["strategy"],
)
@decorate_view(idempotent)
def ask_about_obstacle(
    request: HttpRequest, conversation_id: Id, obstacle_id: Id
) -> Status[Question]:
    """Put a question about the obstacle in the conversation's plan (and raise it there); the
    question already planned is answered again rather than a second one added."""
    owner = owner_of(request)
    conversation = conversation_queries.get_conversation(owner, conversation_id)
    obstacle = queries.get_obstacle(owner, obstacle_id)
    return Status(201, obstacles.ask_about(conversation=conversation, obstacle=obstacle))


@router.post(
    "/strategy/obstacles/{obstacle_id}/advice/{capture_id}",
    response=answers(ObstacleOut),
    tags=["strategy"],
)
def link_advice(
    request: HttpRequest, obstacle_id: Id, capture_id: Id, payload: LinkedIn
) -> Obstacle:
    """Link advice someone gave you (a capture of a conversation) to the obstacle it is
    about, or unlink it."""
    capture = prep_queries.get_capture(owner_of(request), capture_id)
    return _changed(
        request, obstacle_id, obstacles.link_advice, capture=capture, linked=payload.linked
    )
