from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "coffeechat.search"
    label = "search"
