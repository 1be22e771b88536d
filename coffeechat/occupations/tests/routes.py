"""The occupations app's routes, classified for lib/tests/test_isolation.py and test_csrf.py."""

from __future__ import annotations

from coffeechat.lib.testing.onet import DATA_SCIENTISTS, SOFTWARE, load_sample
from coffeechat.lib.testing.route_types import Route, World
from coffeechat.occupations import services


def _conversation(w: World) -> dict[str, int]:
    return {"conversation_id": w.conversation.pk}


OBJECT_ROUTES = {
    "occupations:choose": Route(
        kwargs=_conversation, post_only=True, post=lambda w: {"occupation_code": SOFTWARE}
    ),
    "occupations:add-question": Route(
        kwargs=_conversation,
        post_only=True,
        post=lambda w: {"occupation_code": DATA_SCIENTISTS, "task_id": "90001"},
    ),
}
PAGE_ROUTES = {
    "occupations:search": Route(get_query={"q": "Canary"}),
}
# An O*NET occupation is the same for everyone: no 404 for other users, no one's rows on it.
REFERENCE_ROUTES = {
    "occupations:occupation": Route(kwargs=lambda w: {"code": DATA_SCIENTISTS}),
}


def build(world: World) -> None:
    load_sample()
    world.extra["occupation_choice"] = services.choose_for_conversation(
        conversation=world.conversation, occupation_code=DATA_SCIENTISTS
    )
