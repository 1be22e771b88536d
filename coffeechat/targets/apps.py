from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "coffeechat.targets"
    label = "targets"
    verbose_name = "Target employers"
