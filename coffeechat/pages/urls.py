"""The routes of pages/views.py and meeting_views.py, under the names of the apps whose pages they are.

`conversations:conversation`, `network:person`, `accounts:settings`... keep their names (every
template and link uses them); config/urls.py joins these routes to their app's own with
`joined()`, so each namespace is still declared once.
"""

from __future__ import annotations

from importlib import import_module

from django.urls import URLPattern, URLResolver, path

import coffeechat.occupations.urls  # noqa: F401  (registers the "onet" path converter)
from coffeechat.pages import meeting_views, views

ROUTES: dict[str, list[URLPattern]] = {
    "network": [
        # /people/
        path("people/", views.people, name="people"),
        path("people/<int:person_id>/", views.person, name="person"),
        # /organizations/<id>/
        path("organizations/<int:organization_id>/", views.organization, name="organization"),
        path(
            "people/<int:person_id>/introductions/",
            views.add_introduction,
            name="add-introduction",
        ),
    ],
    "accounts": [
        # /settings/
        path("settings/", views.settings, name="settings"),
        # /settings/security/
        path("settings/security/", views.security, name="security"),
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
    "prep": [
        # /conversations/<id>/prepare/
        path("conversations/<int:conversation_id>/prepare/", meeting_views.brief, name="brief"),
        path(
            "conversations/<int:conversation_id>/prepare/questions/",
            meeting_views.add_question,
            name="add-question",
        ),
        # /conversations/<id>/live/
        path("conversations/<int:conversation_id>/live/", meeting_views.live, name="live"),
        path(
            "conversations/<int:conversation_id>/captures/",
            meeting_views.add_capture,
            name="add-capture",
        ),
        path(
            "conversations/<int:conversation_id>/referrals/",
            meeting_views.add_referral,
            name="add-referral",
        ),
        # /conversations/<id>/after/
        path("conversations/<int:conversation_id>/after/", meeting_views.after, name="after"),
    ],
    "occupations": [
        # /occupations/15-2051.00/: one occupation (shared O*NET data) and the user's options
        path("occupations/<onet:code>/", views.occupation, name="occupation"),
    ],
    "profile": [
        # /you/
        path("you/", views.you, name="you"),
        *[
            route
            for kind, plural in (
                ("position", "positions"),
                ("education", "education"),
                ("skill", "skills"),
            )
            for route in (
                path(f"you/{plural}/", views.add_row, {"kind": kind}, name=f"add-{kind}"),
                path(f"you/{plural}/<int:row_id>/", views.edit_row, {"kind": kind}, name=kind),
            )
        ],
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
