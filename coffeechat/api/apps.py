from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "coffeechat.api"
    verbose_name = "JSON API and personal access tokens"
