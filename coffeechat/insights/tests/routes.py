"""The insights app's routes, classified for lib/tests/test_isolation.py and test_csrf.py."""

from __future__ import annotations

from coffeechat.lib.testing.route_types import Route

PAGE_ROUTES = {
    "insights:progress": Route(),
}
