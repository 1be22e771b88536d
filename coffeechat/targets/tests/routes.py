"""The target list's routes for the isolation and CSRF tests (see lib/testing/routes.py)."""

from __future__ import annotations

from coffeechat.lib.testing.route_types import Route, World
from coffeechat.targets import services

CANARY_EMPLOYER = "Canaryemployer Wqxz"
CANARY_TARGET_NOTE = "Canarytargetnote ask about Qvzx"
CANARIES = (CANARY_EMPLOYER, CANARY_TARGET_NOTE)


def build(world: World) -> None:
    owner = world.owner
    world.extra["target"] = services.add_target(
        owner=owner,
        organization=world.organization,
        source="dream",
        motivation=4,
        posting=3,
        notes=CANARY_TARGET_NOTE,
    )
    world.extra["target_by_name"] = services.add_by_name(
        owner=owner, name=CANARY_EMPLOYER, source="trend"
    )


def _target(w: World) -> dict[str, int]:
    return {"target_id": w.extra["target"].pk}


def _rate_alices(w: World | None) -> dict[str, str]:
    # Called with None to ask whether the route takes a post at all.
    pk = w.extra["target"].pk if w is not None else 0
    return {f"motivation-{pk}": "1", f"posting-{pk}": "1"}


OBJECT_ROUTES: dict[str, Route] = {
    "targets:target": Route(
        kwargs=_target,
        post=lambda w: {
            "source": "other",
            "size": "small",
            "motivation": "1",
            "posting": "1",
            "notes": "Overwritten",
        },
    ),
    "targets:status": Route(
        kwargs=_target, post_only=True, post=lambda w: {"status": "closed", "outcome": "exhausted"}
    ),
    "targets:ask": Route(kwargs=_target, post_only=True, post=lambda w: {"person": w.person.pk}),
    "targets:remove": Route(kwargs=_target, post_only=True),
    "targets:add-organization": Route(
        kwargs=lambda w: {"organization_id": w.extra["target_by_name"].organization_id},
        post_only=True,
        post=lambda w: {"source": "dream"},
    ),
}

PAGE_ROUTES: dict[str, Route] = {
    "targets:targets": Route(),
    # Mallory posting alice's ids: refused (not on her list), nothing changes.
    "targets:ratings": Route(post_only=True, post=lambda w: _rate_alices(w)),
    "targets:add": Route(),
    "targets:paste": Route(
        post_only=True,
        post=lambda w: {"names": "Injected Employer\nAnother One", "source": "dream"},
    ),
    "targets:pick": Route(
        get_query={"q": "Canary"},
        post=lambda w: {"organization": [w.organization.pk if w else 0], "source": "alumni"},
    ),
}

LISTS = ["targets:targets", "targets:pick"]
