"""The API app's routes for the isolation and CSRF tests (see lib/testing/routes.py).

The settings pages are classified like every page. The JSON API's operations are in
API_ROUTES: test_api_isolation.py runs each with mallory's token against alice's world.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coffeechat.api import services
from coffeechat.lib.testing.route_types import Route, World

# Not in CANARIES: those must all be in the account export, and tokens are left out of it
# (test_tokens.py checks that mallory's token page shows none of alice's tokens).
CANARY_TOKEN_NAME = "Canarytoken Qzvx"


def build(world: World) -> None:
    world.extra["api_token"] = services.create_token(
        owner=world.owner, name=CANARY_TOKEN_NAME, scope="write"
    )


OBJECT_ROUTES: dict[str, Route] = {
    "api:revoke": Route(
        kwargs=lambda w: {"token_id": w.extra["api_token"].token.pk}, post_only=True
    ),
}

PAGE_ROUTES: dict[str, Route] = {
    "api:tokens": Route(post=lambda w: {"name": "Mine", "scope": "read", "expires_days": "30"}),
}


# The JSON API ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApiRoute:
    """One operation: how to call it for a world, and what kind of route it is.

    kind: "object" takes the id of someone's row in its path (another token gets 404 and
    nothing changes); "page" takes no id (a list shows the caller's rows only; a create makes
    the caller's rows only, and `names_rows` says its body names someone's rows by id, which
    another token must get 404 for); "public" serves no one's data (the OpenAPI document).
    """

    method: str
    kind: str
    kwargs: Callable[[World], dict[str, Any]] = lambda w: {}
    body: Callable[[World], dict[str, Any]] | None = None
    query: dict[str, str] = field(default_factory=dict)
    multipart: bool = False
    names_rows: bool = False
    lists: bool = False  # alice sees her canaries here (the control for mallory's none)


def _tomorrow_at(hour: int) -> str:
    then = timezone.now() + timedelta(days=1)
    return then.replace(hour=hour, minute=0, second=0, microsecond=0).isoformat()


def _person(w: World) -> dict[str, int]:
    return {"person_id": w.person.pk}


def _conversation(w: World) -> dict[str, int]:
    return {"conversation_id": w.conversation.pk}


def _import(w: World) -> dict[str, int]:
    return {"import_id": w.contact_import.pk}


def _export(w: World) -> dict[str, int]:
    from coffeechat.lib.testing.routes import _ready_export

    return {"export_id": _ready_export(w).pk}


def _target(w: World) -> dict[str, int]:
    return {"target_id": w.extra["target"].pk}


def _strategy(kwarg: str, name: str) -> Callable[[World], dict[str, int]]:
    return lambda w: {kwarg: w.extra[f"strategy_{name}"].pk}


def _tagged(w: World) -> dict[str, Any]:
    return {"tag": "lead", "option_id": w.extra["strategy_option"].pk}


def _resume(w: World) -> dict[str, Any]:
    return {"resume_id": w.extra["resume"].pk}


def _work_entry(w: World) -> dict[str, Any]:
    return {**_resume(w), "section": "work", "index": 0}


def _bullet(w: World) -> dict[str, Any]:
    return {**_work_entry(w), "bullet": 0}


def _version(w: World) -> dict[str, Any]:
    return {"version_id": w.extra["version"].pk}


def _json_resume(w: World) -> dict[str, Any]:
    return {
        "file": SimpleUploadedFile(
            "cv.json", b'{"basics": {"name": "New Friend"}}', content_type="application/json"
        )
    }


def _csv(w: World) -> dict[str, Any]:
    return {
        "file": SimpleUploadedFile(
            "friends.csv", b"Name,Email\nNew Friend,new@example.org\n", content_type="text/csv"
        )
    }


_OBJECT = "object"
_PAGE = "page"
_PUBLIC = "public"

API_ROUTES: dict[str, ApiRoute] = {
    "api-v1:api-root": ApiRoute("get", _PUBLIC),
    "api-v1:openapi-json": ApiRoute("get", _PUBLIC),
    "api-v1:openapi-view": ApiRoute("get", _PUBLIC),
    # People, organizations, introductions, notes
    "api-v1:list_people": ApiRoute("get", _PAGE, query={"q": "Canary"}, lists=True),
    "api-v1:create_person": ApiRoute(
        "post",
        _PAGE,
        body=lambda w: {"full_name": "New Friend", "organization_name": "Canaryorg Jjq"},
    ),
    "api-v1:get_person": ApiRoute("get", _OBJECT, _person),
    "api-v1:update_person": ApiRoute(
        "patch", _OBJECT, _person, body=lambda w: {"full_name": "Overwritten"}
    ),
    "api-v1:list_organizations": ApiRoute("get", _PAGE, query={"q": "Canary"}, lists=True),
    "api-v1:create_organization": ApiRoute("post", _PAGE, body=lambda w: {"name": "Elsewhere"}),
    "api-v1:get_organization": ApiRoute(
        "get", _OBJECT, lambda w: {"organization_id": w.organization.pk}
    ),
    "api-v1:update_organization": ApiRoute(
        "patch",
        _OBJECT,
        lambda w: {"organization_id": w.organization.pk},
        body=lambda w: {"name": "Overwritten"},
    ),
    "api-v1:list_introductions": ApiRoute("get", _OBJECT, _person),
    "api-v1:create_introduction": ApiRoute(
        "post",
        _PAGE,
        names_rows=True,
        body=lambda w: {
            "introducer_id": w.other_person.pk,
            "introduced_id": w.person.pk,
            "introduced_on": "2026-02-01",
        },
    ),
    "api-v1:list_notes": ApiRoute("get", _OBJECT, _person),
    "api-v1:create_note": ApiRoute("post", _OBJECT, _person, body=lambda w: {"body": "Injected"}),
    # Conversations and what hangs off them
    "api-v1:list_conversations": ApiRoute("get", _PAGE, lists=True),
    "api-v1:create_conversation": ApiRoute(
        "post",
        _PAGE,
        names_rows=True,
        body=lambda w: {"person_id": w.person.pk, "purpose": "Injected"},
    ),
    "api-v1:get_conversation": ApiRoute("get", _OBJECT, _conversation),
    "api-v1:move_conversation": ApiRoute(
        "post", _OBJECT, _conversation, body=lambda w: {"stage": "declined"}
    ),
    "api-v1:record_follow_up": ApiRoute("post", _OBJECT, _conversation),
    "api-v1:list_meetings": ApiRoute("get", _OBJECT, _conversation),
    "api-v1:schedule_meeting": ApiRoute(
        "post",
        _OBJECT,
        _conversation,
        body=lambda w: {"starts_at": _tomorrow_at(15), "minutes": 30, "mode": "video"},
    ),
    "api-v1:upcoming_meetings": ApiRoute("get", _PAGE, lists=True),
    "api-v1:list_reminders": ApiRoute("get", _PAGE, lists=True),
    "api-v1:complete_reminder": ApiRoute("post", _OBJECT, lambda w: {"reminder_id": w.reminder.pk}),
    "api-v1:dismiss_reminder": ApiRoute("post", _OBJECT, lambda w: {"reminder_id": w.reminder.pk}),
    "api-v1:snooze_reminder": ApiRoute(
        "post",
        _OBJECT,
        lambda w: {"reminder_id": w.reminder.pk},
        body=lambda w: {"until": _tomorrow_at(9)},
    ),
    "api-v1:list_messages": ApiRoute("get", _OBJECT, _conversation),
    "api-v1:get_draft": ApiRoute("get", _OBJECT, lambda w: {**_conversation(w), "kind": "request"}),
    "api-v1:keep_draft": ApiRoute(
        "post",
        _OBJECT,
        _conversation,
        body=lambda w: {"kind": "request", "subject": "Coffee?", "body": "Injected"},
    ),
    "api-v1:lint": ApiRoute(
        "post", _OBJECT, _conversation, body=lambda w: {"kind": "request", "body": "Hi"}
    ),
    "api-v1:list_captures": ApiRoute("get", _OBJECT, _conversation),
    "api-v1:create_capture": ApiRoute(
        "post", _OBJECT, _conversation, body=lambda w: {"kind": "advice", "text": "Injected"}
    ),
    # Imports and exports
    "api-v1:list_imports": ApiRoute("get", _PAGE, lists=True),
    "api-v1:upload": ApiRoute("post", _PAGE, body=_csv, multipart=True),
    "api-v1:get_import": ApiRoute("get", _OBJECT, _import),
    "api-v1:preview_rows": ApiRoute("get", _OBJECT, _import),
    "api-v1:set_mapping": ApiRoute(
        "post",
        _OBJECT,
        _import,
        body=lambda w: {"mapping": {"full_name": 0, "email": 1}, "connection": "known"},
    ),
    "api-v1:decide": ApiRoute("post", _OBJECT, _import, body=lambda w: {"decisions": {}}),
    "api-v1:apply": ApiRoute("post", _OBJECT, _import),
    "api-v1:undo": ApiRoute("post", _OBJECT, _import),
    "api-v1:discard": ApiRoute("post", _OBJECT, _import),
    "api-v1:start_export": ApiRoute("post", _PAGE),
    "api-v1:get_export": ApiRoute("get", _OBJECT, _export),
    "api-v1:download_export": ApiRoute("get", _OBJECT, _export),
    # Target list
    "api-v1:list_targets": ApiRoute("get", _PAGE, lists=True),
    "api-v1:create_target": ApiRoute(
        "post",
        _PAGE,
        names_rows=True,
        body=lambda w: {"organization_id": w.organization.pk, "motivation": 5},
    ),
    "api-v1:paste_targets": ApiRoute(
        "post",
        _PAGE,
        names_rows=True,
        body=lambda w: {"names": "Elsewhere\nCanaryorg", "choices": {"2": w.organization.pk}},
    ),
    "api-v1:get_target": ApiRoute("get", _OBJECT, _target),
    "api-v1:update_target": ApiRoute(
        "patch", _OBJECT, _target, body=lambda w: {"motivation": 1, "notes": "Overwritten"}
    ),
    "api-v1:set_target_status": ApiRoute(
        "post", _OBJECT, _target, body=lambda w: {"status": "closed", "outcome": "declined"}
    ),
    "api-v1:delete_target": ApiRoute("delete", _OBJECT, _target),
    "api-v1:ask_at_target": ApiRoute(
        "post", _OBJECT, _target, body=lambda w: {"person_id": w.person.pk}
    ),
    # Strategy: themes, options, obstacles and their actions
    "api-v1:list_themes": ApiRoute("get", _PAGE),
    "api-v1:rename_theme": ApiRoute(
        "patch", _OBJECT, _strategy("theme_id", "theme"), body=lambda w: {"name": "Renamed"}
    ),
    "api-v1:dismiss_theme": ApiRoute("post", _OBJECT, _strategy("theme_id", "theme")),
    "api-v1:merge_theme": ApiRoute(
        "post",
        _OBJECT,
        _strategy("theme_id", "theme"),
        body=lambda w: {"into_id": w.extra["strategy_theme"].pk},
    ),
    "api-v1:get_document": ApiRoute("get", _PAGE, lists=True),
    "api-v1:save_document": ApiRoute("put", _PAGE, body=lambda w: {"body": "# My plan"}),
    "api-v1:tag_capture": ApiRoute(
        "post", _OBJECT, lambda w: {"capture_id": w.capture.pk}, body=_tagged
    ),
    "api-v1:tag_question": ApiRoute(
        "post", _OBJECT, lambda w: {"question_id": w.question.pk}, body=_tagged
    ),
    "api-v1:tag_note": ApiRoute("post", _OBJECT, lambda w: {"note_id": w.note.pk}, body=_tagged),
    "api-v1:list_options": ApiRoute("get", _PAGE, lists=True),
    "api-v1:create_option": ApiRoute(
        "post",
        _PAGE,
        names_rows=True,
        body=lambda w: {"title": "Injected", "organization_ids": [w.organization.pk]},
    ),
    "api-v1:get_option": ApiRoute("get", _OBJECT, _strategy("option_id", "option")),
    "api-v1:update_option": ApiRoute(
        "patch",
        _OBJECT,
        _strategy("option_id", "option"),
        body=lambda w: {"title": "Overwritten", "status": "drop"},
    ),
    "api-v1:delete_option": ApiRoute("delete", _OBJECT, _strategy("option_id", "option")),
    "api-v1:list_obstacles": ApiRoute("get", _PAGE, lists=True),
    "api-v1:create_obstacle": ApiRoute("post", _PAGE, body=lambda w: {"title": "Elsewhere"}),
    "api-v1:get_obstacle": ApiRoute("get", _OBJECT, _strategy("obstacle_id", "obstacle")),
    "api-v1:update_obstacle": ApiRoute(
        "patch",
        _OBJECT,
        _strategy("obstacle_id", "obstacle"),
        body=lambda w: {"status": "closed"},
    ),
    "api-v1:delete_obstacle": ApiRoute("delete", _OBJECT, _strategy("obstacle_id", "obstacle")),
    "api-v1:add_action": ApiRoute(
        "post", _OBJECT, _strategy("obstacle_id", "obstacle"), body=lambda w: {"text": "Injected"}
    ),
    "api-v1:update_action": ApiRoute(
        "patch", _OBJECT, _strategy("action_id", "action"), body=lambda w: {"done": True}
    ),
    "api-v1:delete_action": ApiRoute("delete", _OBJECT, _strategy("action_id", "action")),
    "api-v1:raise_new_obstacle": ApiRoute(
        "post", _OBJECT, _conversation, body=lambda w: {"title": "Injected gap"}
    ),
    "api-v1:raise_obstacle": ApiRoute(
        "post",
        _OBJECT,
        lambda w: {
            "conversation_id": w.extra["strategy_other_conversation"].pk,
            "obstacle_id": w.extra["strategy_obstacle"].pk,
        },
        body=lambda w: {"raised": True},
    ),
    "api-v1:ask_about_obstacle": ApiRoute(
        "post",
        _OBJECT,
        lambda w: {
            "conversation_id": w.conversation.pk,
            "obstacle_id": w.extra["strategy_obstacle"].pk,
        },
    ),
    "api-v1:link_advice": ApiRoute(
        "post",
        _OBJECT,
        lambda w: {
            "obstacle_id": w.extra["strategy_obstacle"].pk,
            "capture_id": w.extra["strategy_other_capture"].pk,
        },
        body=lambda w: {"linked": True},
    ),
    "api-v1:list_strategy_versions": ApiRoute("get", _PAGE),
    "api-v1:get_strategy_version": ApiRoute("get", _OBJECT, _strategy("version_id", "version")),
    "api-v1:restore_strategy_version": ApiRoute(
        "post", _OBJECT, _strategy("version_id", "version")
    ),
    "api-v1:download_strategy": ApiRoute(
        "get", _OBJECT, lambda w: {**_strategy("version_id", "version")(w), "format": "md"}
    ),
    # Resumes
    "api-v1:list_resumes": ApiRoute("get", _PAGE, lists=True),
    "api-v1:create_resume": ApiRoute("post", _PAGE, body=lambda w: {"source": "profile"}),
    "api-v1:get_resume": ApiRoute("get", _OBJECT, _resume),
    "api-v1:update_resume": ApiRoute(
        "patch", _OBJECT, _resume, body=lambda w: {"name": "Overwritten", "max_pages": 2}
    ),
    "api-v1:delete_resume": ApiRoute("delete", _OBJECT, _resume),
    "api-v1:download_resume": ApiRoute("get", _OBJECT, lambda w: {**_resume(w), "format": "json"}),
    "api-v1:update_basics": ApiRoute(
        "put", _OBJECT, _resume, body=lambda w: {"values": {"label": "Overwritten"}}
    ),
    "api-v1:add_entry": ApiRoute(
        "post",
        _OBJECT,
        lambda w: {**_resume(w), "section": "skills"},
        body=lambda w: {"values": {"name": "Injected"}},
    ),
    "api-v1:update_entry": ApiRoute(
        "put", _OBJECT, _work_entry, body=lambda w: {"values": {"position": "Overwritten"}}
    ),
    "api-v1:delete_entry": ApiRoute("delete", _OBJECT, _work_entry),
    "api-v1:move_entry": ApiRoute(
        "post",
        _OBJECT,
        lambda w: {**_resume(w), "section": "skills", "index": 0},
        body=lambda w: {"direction": "down"},
    ),
    "api-v1:hide_entry": ApiRoute("post", _OBJECT, _work_entry, body=lambda w: {"hidden": True}),
    "api-v1:add_bullet": ApiRoute(
        "post", _OBJECT, _work_entry, body=lambda w: {"text": "Injected"}
    ),
    "api-v1:update_bullet": ApiRoute(
        "put", _OBJECT, _bullet, body=lambda w: {"text": "Overwritten"}
    ),
    "api-v1:delete_bullet": ApiRoute("delete", _OBJECT, _bullet),
    "api-v1:move_bullet": ApiRoute("post", _OBJECT, _bullet, body=lambda w: {"direction": "down"}),
    "api-v1:hide_bullet": ApiRoute("post", _OBJECT, _bullet, body=lambda w: {"hidden": True}),
    "api-v1:import_resume": ApiRoute("post", _PAGE, body=_json_resume, multipart=True),
    "api-v1:tailor_resume": ApiRoute(
        "post", _OBJECT, _resume, body=lambda w: {"target_role": "Injected"}
    ),
    "api-v1:list_versions": ApiRoute("get", _OBJECT, _resume),
    "api-v1:get_version": ApiRoute("get", _OBJECT, _version),
    "api-v1:name_version": ApiRoute(
        "patch", _OBJECT, _version, body=lambda w: {"label": "Overwritten"}
    ),
    "api-v1:restore_version": ApiRoute("post", _OBJECT, _version),
}
