"""The network app's choosers for the isolation and CSRF tests (see lib/testing/routes.py).

The rest of the network's routes are classified with the base routes there.
"""

from __future__ import annotations

from coffeechat.lib.testing.route_types import Route

# Matches as you type: only the signed-in user's own rows (get_query aims at alice's canaries).
PAGE_ROUTES: dict[str, Route] = {
    "network:choose-person": Route(get_query={"q": "Zqxv"}),
    "network:choose-organization": Route(get_query={"q": "Canaryorg", "pick": "1"}),
    "network:choose-tag": Route(get_query={"q": "canarytag"}),
}
