from django.apps import AppConfig


class ResumesConfig(AppConfig):
    name = "coffeechat.resumes"
    label = "resumes"
    verbose_name = "Resumes"
