from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "coffeechat.strategy"
    label = "strategy"
    verbose_name = "Career strategy"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from coffeechat.conversations.models import Note
        from coffeechat.prep import hooks
        from coffeechat.prep.models import Capture, Question
        from coffeechat.strategy import mentions, queries

        # The brief (prep) lists the obstacles raised in its conversation without importing us.
        hooks.register_obstacles(queries.obstacle_titles_raised)
        # A deleted item takes its mentions with it (CASCADE): themes must be counted again.
        for model in (Capture, Question, Note):
            post_delete.connect(
                mentions.item_deleted,
                sender=model,
                dispatch_uid=f"strategy-themes-{model.__name__}",
            )
