"""The API app's routes for the isolation and CSRF tests (see lib/tests/routes.py)."""

from __future__ import annotations

from coffeechat.api import services
from coffeechat.lib.tests.route_types import Route, World

# Not in CANARIES: those must all be in the account export, and tokens are left out of it
# (test_tokens.py checks that mallory's token page shows none of alice's tokens).
CANARY_TOKEN_NAME = "Canarytoken Qzvx"


def build(world: World) -> None:
    world.extra["api_token"] = services.create_token(owner=world.owner, name=CANARY_TOKEN_NAME,
                                                     scope="write")


OBJECT_ROUTES: dict[str, Route] = {
    "api:revoke": Route(kwargs=lambda w: {"token_id": w.extra["api_token"].token.pk},
                        post_only=True),
}

PAGE_ROUTES: dict[str, Route] = {
    "api:tokens": Route(post=lambda w: {"name": "Mine", "scope": "read", "expires_days": "30"}),
}
