from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "coffeechat.demo"
    label = "demo"
