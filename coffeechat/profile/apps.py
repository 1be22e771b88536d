from django.apps import AppConfig


class ProfileConfig(AppConfig):
    name = "coffeechat.profile"
    label = "profile"
    verbose_name = "Your profile"

    def ready(self) -> None:
        from coffeechat.profile import checklist

        checklist.register()
