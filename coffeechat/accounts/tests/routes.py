"""The accounts app's routes for the isolation and CSRF tests (see lib/testing/routes.py).

accounts:settings is classified with the base routes in lib/testing/routes.py. Every route here
acts on the signed-in user only: mallory's posts change her own account, never alice's.
"""

from __future__ import annotations

from importlib import import_module

from allauth.usersessions.models import UserSession
from django.conf import settings

from coffeechat.accounts import audit
from coffeechat.lib.testing.route_types import Route, World

CANARY_BROWSER = "Canarybrowser/7.1 (Qzwx)"
CANARY_AUDIT = "Canaryaudit export Wvqz"
# The browser's name is no canary: sessions are not exported (the export tests check every
# canary is); test_sessions.py checks mallory never sees alice's browsers.
CANARIES = (CANARY_AUDIT,)
LISTS = ["accounts:security"]


def build(world: World) -> None:
    """Alice is signed in on another browser, and her audit log has an event."""
    owner = world.owner
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["_auth_user_id"] = str(owner.pk)
    store.create()
    world.extra["user_session"] = UserSession.objects.create(
        user=owner, session_key=store.session_key, ip="192.0.2.44", user_agent=CANARY_BROWSER
    )
    audit.record(user=owner, kind=audit.Kind.EXPORT, detail=CANARY_AUDIT)


OBJECT_ROUTES: dict[str, Route] = {
    # Mallory ending alice's session: 404, and alice stays signed in there.
    "accounts:end-session": Route(
        kwargs=lambda w: {"session_id": w.extra["user_session"].pk}, post_only=True
    ),
}

PAGE_ROUTES: dict[str, Route] = {
    "accounts:welcome": Route(),
    "accounts:welcome-you": Route(
        post=lambda w: {"display_name": "Mallory M", "signature": "Mallory"}
    ),
    "accounts:welcome-calendar": Route(
        post=lambda w: {
            "time_zone": "Europe/Berlin",
            "working_days": ["0", "1", "2"],
            "holiday_country": "DE",
        }
    ),
    "accounts:welcome-field": Route(
        post=lambda w: {
            "school": "Elsewhere U",
            "field_broad": "data",
            "field_narrow": "",
            "profile_url": "",
        }
    ),
    "accounts:welcome-decision": Route(
        post=lambda w: {"decision": "Stay or go", "decision_by": ""}
    ),
    "accounts:welcome-start": Route(post=lambda w: {"skip": "1"}),
    "accounts:welcome-finish": Route(post_only=True),
    "accounts:dismiss-checklist": Route(post_only=True),
    "accounts:restore-checklist": Route(post_only=True),
    "accounts:security": Route(),
    "accounts:end-other-sessions": Route(post_only=True),
    "accounts:choose-time-zone": Route(get_query={"q": "paris"}),
}
