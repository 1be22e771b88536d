from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "coffeechat.lib"
    label = "lib"
