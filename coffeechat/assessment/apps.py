from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "coffeechat.assessment"
    label = "assessment"
    verbose_name = "Self-assessment"
