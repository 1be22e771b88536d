"""The strategy app's routes, classified for the isolation and CSRF tests (see
coffeechat/lib/testing/routes.py), and alice's strategy rows built through the services."""

from __future__ import annotations

from typing import Any

from coffeechat.conversations import services as conversation_services
from coffeechat.lib.testing.onet import DATA_SCIENTISTS
from coffeechat.lib.testing.route_types import Route, World
from coffeechat.prep import services as prep_services
from coffeechat.strategy import obstacles, services, themes
from coffeechat.strategy.models import Theme

CANARY_OBSTACLE = "Canaryobstacle no Zqsql"
CANARY_ACTION = "Canaryaction course Wqxv"
CANARY_OPTION = "Canaryoption Qxanalyst"
CANARY_DOCUMENT = "Canarydocument plan Vqzw"
CANARY_THEME = "Kwazmoq"  # said by both of alice's people: a theme


def build(world: World) -> None:
    owner = world.owner
    obstacle = obstacles.add_obstacle(owner=owner, title=CANARY_OBSTACLE)
    obstacles.set_raised(conversation=world.conversation, obstacle=obstacle, raised=True)
    action = obstacles.add_action(obstacle=obstacle, text=CANARY_ACTION)
    # On the occupation's page too (a shared page: mallory must not see it there).
    option = services.add_option(
        owner=owner,
        title=CANARY_OPTION,
        status="focus",
        organization_ids=[world.organization.pk],
        occupation_code=DATA_SCIENTISTS,
        occupation_title="Data Scientists",
    )
    other = conversation_services.start_conversation(owner=owner, person=world.other_person)
    mine = prep_services.add_capture(
        conversation=world.conversation, kind="advice", text=f"Read about {CANARY_THEME}"
    )
    theirs = prep_services.add_capture(
        conversation=other, kind="advice", text=f"{CANARY_THEME} matters"
    )
    evidence = services.tag_item(item=mine, tag="fit+", option=option)
    services.tag_item(item=theirs, tag="gap", option=option)
    services.tag_item(item=world.note, tag="fact", option=option)
    obstacles.link_advice(obstacle=obstacle, capture=mine)
    themes.refresh(owner)
    theme = Theme.objects.get(owner=owner, key=CANARY_THEME.lower())
    version = services.save_strategy(
        owner=owner, body=f"# {CANARY_OPTION}\n\n{CANARY_DOCUMENT} [[evidence:{evidence.pk}]]"
    )
    synthesis = services.accept_synthesis(
        option=option, conversations_count=3, likes=f"{CANARY_THEME} twice"
    )
    # Keys carry the app's name: other apps' build() share world.extra ("version" is taken).
    world.extra.update(
        {
            f"strategy_{name}": row
            for name, row in {
                "obstacle": obstacle,
                "action": action,
                "option": option,
                "evidence": evidence,
                "theme": theme,
                "version": version,
                "synthesis": synthesis,
                "other_capture": theirs,
                "other_conversation": other,
            }.items()
        }
    )


def _id(kwarg: str, name: str) -> Any:
    """URL kwargs {kwarg: the pk of world.extra["strategy_<name>"]}."""
    return lambda w: {kwarg: w.extra[f"strategy_{name}"].pk}


def _tag_post(w: World) -> dict[str, Any]:
    return {"tag": "lead", "option": w.extra["strategy_option"].pk}


OBJECT_ROUTES: dict[str, Route] = {
    "strategy:version": Route(kwargs=_id("version_id", "version")),
    "strategy:restore": Route(kwargs=_id("version_id", "version"), post_only=True),
    "strategy:pdf": Route(kwargs=_id("version_id", "version")),
    "strategy:markdown": Route(kwargs=_id("version_id", "version")),
    "strategy:evidence": Route(kwargs=_id("evidence_id", "evidence")),
    "strategy:tag-capture": Route(
        kwargs=lambda w: {"capture_id": w.capture.pk}, post_only=True, post=_tag_post
    ),
    "strategy:tag-question": Route(
        kwargs=lambda w: {"question_id": w.question.pk}, post_only=True, post=_tag_post
    ),
    "strategy:tag-note": Route(
        kwargs=lambda w: {"note_id": w.note.pk}, post_only=True, post=_tag_post
    ),
    "strategy:theme": Route(
        kwargs=_id("theme_id", "theme"), post=lambda w: {"name": "Overwritten"}
    ),
    "strategy:dismiss-theme": Route(
        kwargs=_id("theme_id", "theme"), post_only=True, post=lambda w: {"dismissed": "1"}
    ),
    "strategy:merge-theme": Route(
        kwargs=_id("theme_id", "theme"), post_only=True, post=_id("into", "theme")
    ),
    "strategy:option": Route(
        kwargs=_id("option_id", "option"), post=lambda w: {"title": "Overwritten", "status": "drop"}
    ),
    "strategy:option-status": Route(
        kwargs=_id("option_id", "option"), post_only=True, post=lambda w: {"status": "drop"}
    ),
    "strategy:delete-option": Route(kwargs=_id("option_id", "option"), post_only=True),
    "strategy:option-employer": Route(
        kwargs=_id("option_id", "option"), post_only=True, post=lambda w: {"name": "Injected Org"}
    ),
    "strategy:option-occupation": Route(
        kwargs=_id("option_id", "option"), post=lambda w: {"occupation_code": ""}
    ),
    "strategy:synthesis": Route(
        kwargs=_id("option_id", "option"),
        post=lambda w: {"likes": "Injected", "conversations_count": 3},
    ),
    "strategy:obstacle": Route(
        kwargs=_id("obstacle_id", "obstacle"), post=lambda w: {"title": "Overwritten"}
    ),
    "strategy:obstacle-status": Route(
        kwargs=_id("obstacle_id", "obstacle"), post_only=True, post=lambda w: {"status": "closed"}
    ),
    "strategy:delete-obstacle": Route(kwargs=_id("obstacle_id", "obstacle"), post_only=True),
    "strategy:add-action": Route(
        kwargs=_id("obstacle_id", "obstacle"), post_only=True, post=lambda w: {"text": "Injected"}
    ),
    "strategy:link-advice": Route(
        kwargs=lambda w: {
            "obstacle_id": w.extra["strategy_obstacle"].pk,
            "capture_id": w.extra["strategy_other_capture"].pk,
        },
        post_only=True,
        post=lambda w: {"linked": "1"},
    ),
    "strategy:action": Route(
        kwargs=_id("action_id", "action"), post_only=True, post=lambda w: {"done": "1"}
    ),
    "strategy:delete-action": Route(kwargs=_id("action_id", "action"), post_only=True),
    "strategy:raise-new": Route(
        kwargs=lambda w: {"conversation_id": w.conversation.pk},
        post_only=True,
        post=lambda w: {"title": "Injected gap"},
    ),
    "strategy:raise-here": Route(
        kwargs=lambda w: {
            "conversation_id": w.extra["strategy_other_conversation"].pk,
            "obstacle_id": w.extra["strategy_obstacle"].pk,
        },
        post_only=True,
        post=lambda w: {"raised": "1"},
    ),
    "strategy:ask-about": Route(
        kwargs=lambda w: {
            "conversation_id": w.conversation.pk,
            "obstacle_id": w.extra["strategy_obstacle"].pk,
        },
        post_only=True,
    ),
}

PAGE_ROUTES: dict[str, Route] = {
    "strategy:strategy": Route(
        post=lambda w: {"body": "Mallory's own plan"}, get_query={"find": "Canary", "edit": "1"}
    ),
    "strategy:versions": Route(),
    "strategy:evidence-list": Route(get_query={"q": "Canary"}),
    "strategy:themes": Route(),
    "strategy:options": Route(post=lambda w: {"title": "Mallory's option", "status": "focus"}),
    "strategy:explore-occupation": Route(
        post_only=True, post=lambda w: {"occupation_code": DATA_SCIENTISTS}
    ),
    "strategy:obstacles": Route(post=lambda w: {"title": "Mallory's gap"}),
}

LISTS = [
    "strategy:strategy",
    "strategy:evidence-list",
    "strategy:themes",
    "strategy:options",
    "strategy:obstacles",
]
CANARIES = (CANARY_OBSTACLE, CANARY_ACTION, CANARY_OPTION, CANARY_DOCUMENT, CANARY_THEME)
