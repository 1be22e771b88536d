"""The profile app's routes (/you/) for the isolation and CSRF tests (lib/testing/routes.py)."""

from __future__ import annotations

from datetime import date

from coffeechat.lib.testing.route_types import Route, World
from coffeechat.profile import services
from coffeechat.profile.models import Proposal

CANARY_POSITION = "Canaryposition Qzvx"
CANARY_SCHOOL = "Canaryschool Wxqz"
CANARY_SKILL = "Canaryskill Vqzw"
CANARY_FOUND = "Canaryfound Zqwv"
CANARIES = (CANARY_POSITION, CANARY_SCHOOL, CANARY_SKILL, CANARY_FOUND)
LISTS = ["profile:you"]


def build(world: World) -> None:
    owner = world.owner
    world.extra["position"] = services.add_position(
        owner=owner, organization_name=CANARY_POSITION, title="Analyst", started_on=date(2022, 3, 1)
    )
    world.extra["education"] = services.add_education(owner=owner, school=CANARY_SCHOOL)
    world.extra["skill"] = services.add_skill(
        owner=owner, name=CANARY_SKILL, rating=3, evidence="Canaryskill evidence"
    )
    services.propose(owner=owner, found={"skills": [CANARY_FOUND, "Canaryfound Two"]})
    world.extra["proposal"], world.extra["other_proposal"] = Proposal.objects.filter(
        owner=owner
    ).order_by("pk")


def _row(name: str):
    return lambda w: {"row_id": w.extra[name].pk}


def _proposal(name: str):
    return lambda w: {"proposal_id": w.extra[name].pk}


OBJECT_ROUTES: dict[str, Route] = {
    "profile:position": Route(
        kwargs=_row("position"),
        post_only=True,
        post=lambda w: {
            f"position-{w.extra['position'].pk}-organization_name": "Overwritten",
            f"position-{w.extra['position'].pk}-title": "Injected",
        },
    ),
    "profile:move-position": Route(
        kwargs=_row("position"), post_only=True, post=lambda w: {"direction": "down"}
    ),
    "profile:delete-position": Route(kwargs=_row("position"), post_only=True),
    "profile:education": Route(
        kwargs=_row("education"),
        post_only=True,
        post=lambda w: {f"education-{w.extra['education'].pk}-school": "Overwritten"},
    ),
    "profile:move-education": Route(
        kwargs=_row("education"), post_only=True, post=lambda w: {"direction": "up"}
    ),
    "profile:delete-education": Route(kwargs=_row("education"), post_only=True),
    "profile:skill": Route(
        kwargs=_row("skill"),
        post_only=True,
        post=lambda w: {
            f"skill-{w.extra['skill'].pk}-name": "Overwritten",
            f"skill-{w.extra['skill'].pk}-rating": "5",
        },
    ),
    "profile:move-skill": Route(
        kwargs=_row("skill"), post_only=True, post=lambda w: {"direction": "down"}
    ),
    "profile:delete-skill": Route(kwargs=_row("skill"), post_only=True),
    "profile:accept-proposal": Route(kwargs=_proposal("proposal"), post_only=True),
    "profile:ignore-proposal": Route(kwargs=_proposal("other_proposal"), post_only=True),
}

PAGE_ROUTES: dict[str, Route] = {
    "profile:you": Route(
        post=lambda w: {
            "display_name": "Mallory M",
            "school": "Elsewhere U",
            "field_broad": "data",
            "decision": "Whether to move",
            "section": "fields",
        }
    ),
    "profile:add-position": Route(
        post_only=True,
        post=lambda w: {
            "new-position-organization_name": "Elsewhere Inc",
            "new-position-title": "Analyst",
            "new-position-started_on": "2021-04",
        },
    ),
    "profile:add-education": Route(
        post_only=True, post=lambda w: {"new-education-school": "Elsewhere U"}
    ),
    "profile:add-skill": Route(
        post_only=True, post=lambda w: {"new-skill-name": "Knitting", "new-skill-rating": "4"}
    ),
    "profile:accept-proposals": Route(post_only=True, post=lambda w: {"kind": "skill"}),
}
