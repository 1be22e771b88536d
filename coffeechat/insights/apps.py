from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "coffeechat.insights"
    label = "insights"
    verbose_name = "Progress and insights"
