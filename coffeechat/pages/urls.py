"""The routes of pages/views.py, under the names of the apps whose pages they are.

`conversations:conversation`, `network:person`, `accounts:settings`... keep their names (every
template and link uses them); config/urls.py joins these routes to their app's own with
`joined()`, so each namespace is still declared once.
"""

from __future__ import annotations

from importlib import import_module

from django.urls import URLPattern, URLResolver, path

from coffeechat.pages import views

ROUTES: dict[str, list[URLPattern]] = {
    "network": [
        # /people/
        path("people/", views.people, name="people"),
        path("people/<int:person_id>/", views.person, name="person"),
        path(
            "people/<int:person_id>/introductions/",
            views.add_introduction,
            name="add-introduction",
        ),
    ],
    "accounts": [
        # /settings/
        path("settings/", views.settings, name="settings"),
    ],
    "conversations": [
        # /  and  /today/
        path("", views.home, name="home"),
        path("today/", views.today, name="today"),
        # /reminders/<id>/  (an action on Today's lists redraws them)
        path(
            "reminders/<int:reminder_id>/done/",
            views.resolve_reminder,
            {"action": "done"},
            name="reminder-done",
        ),
        path(
            "reminders/<int:reminder_id>/dismiss/",
            views.resolve_reminder,
            {"action": "dismiss"},
            name="reminder-dismiss",
        ),
        # /conversations/<id>/
        path("conversations/<int:conversation_id>/", views.conversation, name="conversation"),
        path("conversations/<int:conversation_id>/meetings/", views.schedule, name="schedule"),
        path("conversations/<int:conversation_id>/notes/", views.add_note, name="add-note"),
        path(
            "conversations/<int:conversation_id>/reminders/",
            views.add_reminder,
            name="add-reminder",
        ),
    ],
    "scheduling": [
        path("conversations/<int:conversation_id>/slots/", views.propose, name="propose"),
        path("meetings/<int:meeting_id>/reschedule/", views.reschedule, name="reschedule"),
    ],
}


def joined(urlconf: str) -> tuple[list[URLPattern | URLResolver], str]:
    """An app's urlconf with this module's routes of the same namespace, for include()."""
    module = import_module(urlconf)
    app_name: str = module.app_name
    return [*ROUTES.get(app_name, []), *module.urlpatterns], app_name
