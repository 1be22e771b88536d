from django.apps import AppConfig


class SchedulerConfig(AppConfig):
    name = "coffeechat.scheduler"
    label = "scheduler"
