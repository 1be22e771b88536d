from django.urls import path

from coffeechat.accounts import onboarding, views

app_name = "accounts"
urlpatterns = [
    # /settings/ is put together in pages/urls.py
    path("settings/security/", views.security, name="security"),
    # /settings/security/sessions/<id>/end/
    path("settings/security/sessions/<int:session_id>/end/", views.end_session, name="end-session"),
    path(
        "settings/security/sessions/end-others/",
        views.end_other_sessions,
        name="end-other-sessions",
    ),
    path("settings/time-zones/", views.choose_time_zone, name="choose-time-zone"),  # ?q=
    path("welcome/", views.welcome, name="welcome"),
    path("welcome/finish/", views.welcome_finish, name="welcome-finish"),
    path("checklist/dismiss/", views.dismiss_checklist, name="dismiss-checklist"),
    path("checklist/restore/", views.restore_checklist, name="restore-checklist"),
]
# /welcome/you/, /welcome/calendar/, /welcome/field/, /welcome/decision/, /welcome/start/
urlpatterns += [
    path(f"welcome/{key}/", views.welcome_step, {"step": key}, name=f"welcome-{key}")
    for key in onboarding.KEYS
]
