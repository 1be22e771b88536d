from django.apps import AppConfig


class PrepConfig(AppConfig):
    name = "coffeechat.prep"
    verbose_name = "Preparation, the conversation and after"
