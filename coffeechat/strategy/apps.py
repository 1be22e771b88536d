from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "coffeechat.strategy"
    label = "strategy"
    verbose_name = "Career strategy"
