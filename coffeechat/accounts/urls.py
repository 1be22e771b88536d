from django.urls import path

from coffeechat.accounts import onboarding, views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.settings, name="settings"),
    path("settings/time-zones/", views.choose_time_zone, name="choose-time-zone"),  # ?q=
    path("welcome/", views.welcome, name="welcome"),
    path("welcome/finish/", views.welcome_finish, name="welcome-finish"),
    path("checklist/dismiss/", views.dismiss_checklist, name="dismiss-checklist"),
    path("checklist/restore/", views.restore_checklist, name="restore-checklist"),
]
# /welcome/you/, /welcome/calendar/, /welcome/field/, /welcome/decision/, /welcome/start/
urlpatterns += [path(f"welcome/{key}/", views.welcome_step, {"step": key},
                     name=f"welcome-{key}") for key in onboarding.KEYS]
