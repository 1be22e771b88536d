from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    name = "coffeechat.occupations"
    label = "occupations"
    verbose_name = "Occupations (O*NET)"
