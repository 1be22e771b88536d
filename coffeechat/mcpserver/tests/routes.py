"""The MCP app's route for the isolation walk (see lib/testing/routes.py)."""

from __future__ import annotations

from coffeechat.lib.testing.route_types import Route

# Opened by a bearer token only; test_http.py covers what the tokens reach.
BEARER_ROUTES: dict[str, Route] = {
    "mcpserver:endpoint": Route(
        post_only=True,
        post=lambda w: {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "tools/call",
            "params": {
                "name": "record_note",
                "arguments": {"person_id": w.person.pk, "text": "Injected"},
            },
        },
    ),
}
