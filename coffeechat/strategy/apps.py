from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import AppConfig

if TYPE_CHECKING:
    from coffeechat.conversations.models import Conversation


class StrategyConfig(AppConfig):
    name = "coffeechat.strategy"
    label = "strategy"
    verbose_name = "Career strategy"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from coffeechat.conversations.models import Note
        from coffeechat.prep import hooks
        from coffeechat.prep.models import Capture, Question

        # The brief (prep) lists the obstacles raised in its conversation without importing us.
        hooks.register_obstacles(_obstacle_titles_raised)
        # A deleted item takes its mentions with it (CASCADE): themes must be counted again.
        for model in (Capture, Question, Note):
            post_delete.connect(
                _item_deleted, sender=model, dispatch_uid=f"strategy-themes-{model.__name__}"
            )


# The strategy's queries and themes are imported when first used, not at Django's set-up: they
# load the text analysis (snowball stemmers, rapidfuzz), about a second of CPU that every
# manage.py process and worker would otherwise pay before doing anything.


def _obstacle_titles_raised(conversation: Conversation) -> list[str]:
    from coffeechat.strategy import queries

    return queries.obstacle_titles_raised(conversation)


def _item_deleted(**kwargs: Any) -> None:
    from coffeechat.strategy import mentions

    mentions.item_deleted(**kwargs)
