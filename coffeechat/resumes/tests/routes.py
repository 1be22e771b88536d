"""The resumes app's routes for the isolation and CSRF tests (coffeechat/lib/testing/routes.py).

Alice has a resume (two versions, one bullet hidden), a copy tailored for her organization, the
resume brought to her conversation and one open suggestion from it.
"""

from __future__ import annotations

from typing import Any

from coffeechat.lib.testing.route_types import Route, World
from coffeechat.resumes import critique, editing, services

CANARY_RESUME = "Canaryresume Wqxzv"
CANARY_BULLET = "Canarybullet cut costs by 40% Zyxwv"
CANARY_SUGGESTION = "Canarysuggestion lead with numbers Qvwxz"
CANARIES = (CANARY_RESUME, CANARY_BULLET, CANARY_SUGGESTION)
LISTS = ["resumes:list"]

# What mallory's own import posts: a valid document, so the import succeeds for her.
_PASTE = '{"basics": {"name": "Mallory Elsewhere"}, "work": [{"name": "Elsewhere Inc"}]}'


def build(world: World) -> None:
    owner = world.owner
    resume = services.create_resume(
        owner=owner,
        name=CANARY_RESUME,
        document={
            "basics": {"name": "Alice Canary", "email": "alice@example.org"},
            "work": [
                {
                    "name": "Canaryorg Jjq",
                    "position": "Analyst",
                    "startDate": "2021-04",
                    "highlights": [CANARY_BULLET, "Built 3 dashboards for 40 managers"],
                }
            ],
            "skills": [{"name": "SQL"}],
        },
    )
    critique.choose_handout(conversation=world.conversation, resume=resume)
    [suggestion] = critique.add_suggestions(
        conversation=world.conversation, texts=[CANARY_SUGGESTION]
    )
    editing.set_hidden(resume=resume, section="work", index=0, bullet=1, hidden=True)
    tailored = services.tailor(
        resume=resume, target_role="Data analyst", organization_name=world.organization.name
    )
    world.extra.update(
        {
            "resume": resume,
            "tailored": tailored,
            "suggestion": suggestion,
            "version": resume.versions.get(number=1),
        }
    )


def _resume(w: World) -> dict[str, Any]:
    return {"resume_id": w.extra["resume"].pk}


def _entry(w: World) -> dict[str, Any]:
    return {**_resume(w), "section": "work", "index": 0}


def _bullet(w: World) -> dict[str, Any]:
    return {**_entry(w), "bullet": 0}


def _conversation(w: World) -> dict[str, Any]:
    return {"conversation_id": w.conversation.pk}


OBJECT_ROUTES: dict[str, Route] = {
    "resumes:resume": Route(kwargs=_resume),
    "resumes:edit": Route(kwargs=_resume),
    "resumes:settings": Route(
        kwargs=_resume,
        post_only=True,
        post=lambda w: {"name": "Overwritten", "template": "modern", "max_pages": "2"},
    ),
    "resumes:tailor": Route(
        kwargs=_resume, post_only=True, post=lambda w: {"target_role": "Injected role"}
    ),
    "resumes:delete": Route(kwargs=lambda w: {"resume_id": w.extra["tailored"].pk}),
    "resumes:download": Route(kwargs=lambda w: {**_resume(w), "format": "json"}),
    "resumes:check": Route(kwargs=_resume, post_only=True),
    "resumes:basics": Route(
        kwargs=_resume,
        post_only=True,
        post=lambda w: {"name": "Overwritten", "email": "x@example.org"},
    ),
    "resumes:lint": Route(
        kwargs=_resume,
        post_only=True,
        post=lambda w: {"text": "Led 3 teams", "section": "work", "index": "0"},
    ),
    "resumes:add-entry": Route(
        kwargs=lambda w: {**_resume(w), "section": "work"},
        post_only=True,
        post=lambda w: {"work-new-name": "Injected Inc"},
    ),
    "resumes:entry": Route(
        kwargs=_entry, post_only=True, post=lambda w: {"work-0-name": "Overwritten Inc"}
    ),
    "resumes:move-entry": Route(
        kwargs=_entry, post_only=True, post=lambda w: {"direction": "down"}
    ),
    "resumes:hide-entry": Route(kwargs=_entry, post_only=True, post=lambda w: {"hidden": "1"}),
    "resumes:delete-entry": Route(kwargs=_entry, post_only=True),
    "resumes:add-bullet": Route(
        kwargs=_entry, post_only=True, post=lambda w: {"text": "Injected 5 bullets"}
    ),
    "resumes:bullet": Route(
        kwargs=_bullet, post_only=True, post=lambda w: {"text": "Overwritten 2 times"}
    ),
    "resumes:move-bullet": Route(
        kwargs=_bullet, post_only=True, post=lambda w: {"direction": "down"}
    ),
    "resumes:hide-bullet": Route(kwargs=_bullet, post_only=True, post=lambda w: {"hidden": "1"}),
    "resumes:delete-bullet": Route(kwargs=_bullet, post_only=True),
    "resumes:versions": Route(kwargs=_resume),
    "resumes:compare": Route(kwargs=_resume),
    "resumes:version": Route(
        kwargs=lambda w: {"version_id": w.extra["version"].pk},
        post=lambda w: {"label": "Overwritten"},
    ),
    "resumes:restore": Route(
        kwargs=lambda w: {"version_id": w.extra["version"].pk}, post_only=True
    ),
    "resumes:address": Route(
        kwargs=lambda w: {"suggestion_id": w.extra["suggestion"].pk},
        post_only=True,
        post=lambda w: {"version": "2"},
    ),
    "resumes:decline": Route(
        kwargs=lambda w: {"suggestion_id": w.extra["suggestion"].pk},
        post_only=True,
        post=lambda w: {"reason": "Injected"},
    ),
    "resumes:reopen": Route(
        kwargs=lambda w: {"suggestion_id": w.extra["suggestion"].pk}, post_only=True
    ),
    "resumes:handout": Route(
        kwargs=_conversation, post_only=True, post=lambda w: {"resume": str(w.extra["tailored"].pk)}
    ),
    "resumes:handed-over": Route(
        kwargs=_conversation, post_only=True, post=lambda w: {"handed_over": "1"}
    ),
    "resumes:add-suggestions": Route(
        kwargs=_conversation, post_only=True, post=lambda w: {"text": "Injected advice"}
    ),
}

PAGE_ROUTES: dict[str, Route] = {
    "resumes:list": Route(),
    "resumes:new": Route(post_only=True, post=lambda w: {"name": "Mine", "source": "blank"}),
    "resumes:import": Route(post=lambda w: {"text": _PASTE, "name": "Mine imported"}),
}
