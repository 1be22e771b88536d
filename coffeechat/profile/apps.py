from django.apps import AppConfig


class ProfileConfig(AppConfig):
    name = "coffeechat.profile"
    label = "profile"
    verbose_name = "Your profile"
