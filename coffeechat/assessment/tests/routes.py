"""The self-assessment's routes for the isolation and CSRF tests (see lib/testing/routes.py)."""

from __future__ import annotations

from coffeechat.assessment import inventory, services
from coffeechat.lib.testing.route_types import Route, World

CANARY_TALENT = "Canarytalent explaining Zwqk"
CANARY_VALUE = "Canaryvalue Qxjv"
CANARIES = (CANARY_TALENT, CANARY_VALUE)


def build(world: World) -> None:
    owner = world.owner
    answers = {item.key: (n % 5) for n, item in enumerate(inventory.ITEMS)}
    world.extra["attempt"] = services.take_inventory(owner=owner, answers=answers)
    services.save_answers(owner=owner, answers={"r1": 4})  # a retake under way
    services.choose_values(owner=owner, keys=["autonomy", "learning"])
    world.extra["value"] = services.add_own_value(
        owner=owner, name=CANARY_VALUE, description="Canary description"
    )
    world.extra["talent"] = services.add_talent(owner=owner, text=CANARY_TALENT)


def _attempt(w: World) -> dict[str, int]:
    return {"attempt_id": w.extra["attempt"].pk}


def _value(w: World) -> dict[str, int]:
    return {"value_id": w.extra["value"].pk}


def _talent(w: World) -> dict[str, int]:
    return {"talent_id": w.extra["talent"].pk}


OBJECT_ROUTES: dict[str, Route] = {
    "assessment:result": Route(kwargs=_attempt),
    "assessment:move-value": Route(
        kwargs=_value, post_only=True, post=lambda w: {"direction": "top"}
    ),
    "assessment:remove-value": Route(kwargs=_value, post_only=True),
    "assessment:talent": Route(
        kwargs=_talent, post_only=True, post=lambda w: {"text": "Overwritten"}
    ),
    "assessment:move-talent": Route(
        kwargs=_talent, post_only=True, post=lambda w: {"direction": "up"}
    ),
    "assessment:delete-talent": Route(kwargs=_talent, post_only=True),
}

PAGE_ROUTES: dict[str, Route] = {
    "assessment:overview": Route(),
    "assessment:interests": Route(post=lambda w: {"r1": "3", "i1": "1", "action": "save"}),
    "assessment:discard": Route(post_only=True),
    "assessment:values": Route(post=lambda w: {"keys": ["pay", "team"]}),
    "assessment:add-own-value": Route(post_only=True, post=lambda w: {"name": "Quiet office"}),
    "assessment:talents": Route(post=lambda w: {"text": "Baking bread"}),
}

LISTS = ["assessment:overview", "assessment:values", "assessment:talents"]
