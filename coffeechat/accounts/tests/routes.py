"""The accounts app's routes for the isolation and CSRF tests (see lib/testing/routes.py).

accounts:settings is classified with the base routes in lib/testing/routes.py. Every route here
acts on the signed-in user only: mallory's posts change her own account, never alice's.
"""

from __future__ import annotations

from coffeechat.lib.testing.route_types import Route

PAGE_ROUTES: dict[str, Route] = {
    "accounts:welcome": Route(),
    "accounts:welcome-you": Route(
        post=lambda w: {"display_name": "Mallory M", "signature": "Mallory"}),
    "accounts:welcome-calendar": Route(
        post=lambda w: {"time_zone": "Europe/Berlin", "working_days": ["0", "1", "2"],
                        "holiday_country": "DE"}),
    "accounts:welcome-field": Route(
        post=lambda w: {"school": "Elsewhere U", "field_broad": "data", "field_narrow": "",
                        "profile_url": ""}),
    "accounts:welcome-decision": Route(
        post=lambda w: {"decision": "Stay or go", "decision_by": ""}),
    "accounts:welcome-start": Route(post=lambda w: {"skip": "1"}),
    "accounts:welcome-finish": Route(post_only=True),
    "accounts:dismiss-checklist": Route(post_only=True),
    "accounts:restore-checklist": Route(post_only=True),
}
