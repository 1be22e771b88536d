"""Today's "show all" and bulk actions for the isolation and CSRF tests (lib/testing/routes.py).

The other conversation routes are classified with the base routes there.
"""

from __future__ import annotations

from coffeechat.lib.testing.route_types import Route

PAGE_ROUTES: dict[str, Route] = {
    "conversations:today-section": Route(get_query={"section": "overdue"}),
    # mallory's "all overdue" is her own reminders: alice's stay open.
    "conversations:bulk-reminders": Route(
        post_only=True, post=lambda w: {"section": "overdue", "action": "done", "all": "1"}
    ),
}
