from django.apps import AppConfig


class CardsConfig(AppConfig):
    name = "coffeechat.cards"
    label = "cards"

    def ready(self) -> None:
        from coffeechat.cards import signals  # noqa: F401 (connects the receivers)
