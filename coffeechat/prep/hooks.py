"""What the brief shows from apps above prep, which it can't import.

The obstacles a conversation raises live in coffeechat.strategy (they are kept on the user, not
per conversation). That app registers a provider here from its AppConfig.ready(); without one,
a brief simply raises no obstacles.
"""

from __future__ import annotations

from collections.abc import Callable

from coffeechat.conversations.models import Conversation

ObstaclesOf = Callable[[Conversation], list[str]]
_obstacles_of: ObstaclesOf | None = None


def register_obstacles(provider: ObstaclesOf) -> None:
    global _obstacles_of
    _obstacles_of = provider


def obstacles_of(conversation: Conversation) -> list[str]:
    """The titles of the obstacles the user means to raise in this conversation."""
    return _obstacles_of(conversation) if _obstacles_of is not None else []
