from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "coffeechat.scheduling"
    label = "scheduling"
