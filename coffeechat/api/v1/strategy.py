"""The career strategy (coffeechat.strategy): themes (rename, dismiss, merge), options
(occupations or roles to explore) and obstacles with their actions, through the same services
as the Strategy pages (method.md 11.3-11.5)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Path, Router, Schema
from ninja.decorators import decorate_view
from ninja.responses import Status
from pydantic import Field, StringConstraints

from coffeechat.api.v1.common import (
    MAX_ID,
    MAX_PAGE,
    NO_NUL,
    BodyId,
    Day,
    LongText,
    Name200,
    Page,
    Text20,
    Text200,
    answers,
    body_id_doc,
    idempotent,
    owner_of,
    page_of,
    with_etag,
)
from coffeechat.conversations import queries as conversation_queries
from coffeechat.network import queries as network_queries
from coffeechat.prep import queries as prep_queries
from coffeechat.prep.models import Question
from coffeechat.strategy import export, queries, services
from coffeechat.strategy.models import (
    Action,
    Evidence,
    Obstacle,
    Option,
    StrategyVersion,
    Theme,
)

router = Router()

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Text120 = Annotated[str, StringConstraints(max_length=120), NO_NUL]
Limit = Annotated[int, Field(ge=1, le=MAX_PAGE, description="Items per page (1-100).")]
OrganizationIds = Annotated[list[BodyId], Field(max_length=50)]


class OrganizationRef(Schema):
    id: int
    name: str


# Themes --------------------------------------------------------------------------------------


class ThemeOut(Schema):
    id: int
    name: str
    kind: str
    status: str = Field(description="confirmed, dismissed or merged.")
    people_count: int = Field(description="How many different people said it.")
    confirmed_at: datetime = Field(description="When a second person said it.")
    last_said_at: datetime


class ThemeRename(Schema):
    name: Text120 = Field(description="Your own name for it; empty: the words people used.")


class DismissIn(Schema):
    dismissed: bool = Field(True, description="false shows a dismissed theme again.")


class MergeIn(Schema):
    into_id: BodyId = body_id_doc("Another of your themes: this one counts as part of it.")


@router.get("/strategy/themes", response=answers(list[ThemeOut]), tags=["strategy"])
@decorate_view(with_etag)
def list_themes(request: HttpRequest) -> list[Any]:
    """What at least two different people told you, most people first (at most 50)."""
    owner = owner_of(request)
    queries.refresh_themes(owner)
    return [row.theme for row in queries.themes_for(owner, limit=50, per_theme=0)]


@router.patch("/strategy/themes/{theme_id}", response=answers(ThemeOut), tags=["strategy"])
def rename_theme(request: HttpRequest, theme_id: Id, payload: ThemeRename) -> Theme:
    theme = queries.get_theme(owner_of(request), theme_id)
    return services.rename_theme(theme=theme, name=payload.name)


@router.post("/strategy/themes/{theme_id}/dismiss", response=answers(ThemeOut), tags=["strategy"])
def dismiss_theme(request: HttpRequest, theme_id: Id, payload: DismissIn) -> Theme:
    """Hide a theme that isn't one (it stays hidden however often it's said again)."""
    theme = queries.get_theme(owner_of(request), theme_id)
    return services.dismiss_theme(theme=theme, dismissed=payload.dismissed)


@router.post("/strategy/themes/{theme_id}/merge", response=answers(ThemeOut), tags=["strategy"])
def merge_theme(request: HttpRequest, theme_id: Id, payload: MergeIn) -> Theme:
    """Count this theme as part of another ("SQL course" into "SQL"); answers the other."""
    owner = owner_of(request)
    theme = queries.get_theme(owner, theme_id)
    into = queries.get_theme(owner, payload.into_id)
    return services.merge_themes(theme=theme, into=into)


# The strategy document ---------------------------------------------------------------------


class DocumentOut(Schema):
    number: int = Field(description="The version number: every save that changes it adds one.")
    body: str = Field(
        description="Markdown; [[evidence:12]] and [[theme:3]] cite your evidence and themes."
    )
    created_at: datetime


class DocumentIn(Schema):
    body: Annotated[str, StringConstraints(max_length=services.MAX_DOCUMENT), NO_NUL]


@router.get("/strategy/document", response=answers(DocumentOut | None), tags=["strategy"])
@decorate_view(with_etag)
def get_document(request: HttpRequest) -> StrategyVersion | None:
    """Your strategy document as it stands; null before you first save one."""
    return queries.latest_version(owner_of(request))


@router.put("/strategy/document", response=answers(DocumentOut), tags=["strategy"])
def save_document(request: HttpRequest, payload: DocumentIn) -> StrategyVersion:
    """Save the document as a new dated version (the same text saves nothing new). References
    must name your own evidence and themes."""
    return services.save_strategy(owner=owner_of(request), body=payload.body)


class StrategyVersionOut(Schema):
    id: int
    number: int
    created_at: datetime
    restored_from_id: int | None = Field(description="The version this one restored, if one.")


class StrategyVersionDocumentOut(StrategyVersionOut):
    body: str


class StrategyVersionsPage(Page):
    items: list[StrategyVersionOut]


StrategyFormat = Literal["md", "pdf"]
STRATEGY_MEDIA_TYPES = {"md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}


@router.get("/strategy/versions", response=answers(StrategyVersionsPage), tags=["strategy"])
@decorate_view(with_etag)
def list_strategy_versions(
    request: HttpRequest, cursor: Text200 | None = None, limit: Limit = 50
) -> dict[str, Any]:
    """Every saved version of the document, oldest first (without their text)."""
    versions = StrategyVersion.objects.filter(owner=owner_of(request)).defer("body")
    return page_of(versions, cursor, limit)


@router.get(
    "/strategy/versions/{version_id}",
    response=answers(StrategyVersionDocumentOut),
    tags=["strategy"],
)
@decorate_view(with_etag)
def get_strategy_version(request: HttpRequest, version_id: Id) -> StrategyVersion:
    return queries.get_version(owner_of(request), version_id)


@router.post(
    "/strategy/versions/{version_id}/restore",
    response=answers(StrategyVersionDocumentOut, 201),
    tags=["strategy"],
)
@decorate_view(idempotent)
def restore_strategy_version(request: HttpRequest, version_id: Id) -> Status[StrategyVersion]:
    """Make an old version the document again, saved as a new version (history is kept);
    answers the new version."""
    version = queries.get_version(owner_of(request), version_id)
    return Status(201, services.restore_version(version=version))


@router.get(
    "/strategy/versions/{version_id}/download/{format}",
    response=answers(None),
    tags=["strategy"],
    openapi_extra={
        "responses": {
            200: {
                "description": "The strategy as that version has it, with the options, "
                "obstacles and evidence beside it, as the Strategy page exports it.",
                "content": {
                    media_type.split(";")[0]: {
                        "schema": {"type": "string", "contentMediaType": media_type.split(";")[0]}
                    }
                    for media_type in STRATEGY_MEDIA_TYPES.values()
                },
            }
        }
    },
)
def download_strategy(request: HttpRequest, version_id: Id, format: StrategyFormat) -> HttpResponse:
    owner = owner_of(request)
    version = queries.get_version(owner, version_id)
    if format == "pdf":
        content: bytes | str = export.as_pdf(owner, version=version)
    else:
        content = export.as_markdown(owner, version=version)
    response = HttpResponse(content, content_type=STRATEGY_MEDIA_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{export.filename(version, format)}"'
    return response


# Evidence: tagging what people said (method.md 11.5 step 1) ----------------------------------


class EvidenceOut(Schema):
    id: int
    tag: str
    option_id: int | None
    person_id: int
    conversation_id: int | None
    said_at: datetime


class TagIn(Schema):
    tag: Literal["fit+", "fit-", "gap", "lead", "fact", ""] = Field(
        description="What it says about an option; empty removes the tag."
    )
    option_id: BodyId | None = Field(None, description="One of your options, or none.")


def _tag(request: HttpRequest, item: Any, payload: TagIn) -> Evidence | None:
    owner = owner_of(request)
    option = queries.get_option(owner, payload.option_id) if payload.option_id else None
    return services.tag_item(item=item, tag=payload.tag, option=option)


TAGGED = answers(EvidenceOut | None)


@router.post("/captures/{capture_id}/tag", response=TAGGED, tags=["strategy"])
def tag_capture(request: HttpRequest, capture_id: Id, payload: TagIn) -> Evidence | None:
    """Tag what someone said in a conversation; answers null once the tag is removed."""
    return _tag(request, prep_queries.get_capture(owner_of(request), capture_id), payload)


@router.post("/questions/{question_id}/tag", response=TAGGED, tags=["strategy"])
def tag_question(request: HttpRequest, question_id: Id, payload: TagIn) -> Evidence | None:
    """Tag an answered question (an unanswered one isn't evidence yet)."""
    return _tag(request, prep_queries.get_question(owner_of(request), question_id), payload)


@router.post("/notes/{note_id}/tag", response=TAGGED, tags=["strategy"])
def tag_note(request: HttpRequest, note_id: Id, payload: TagIn) -> Evidence | None:
    return _tag(request, queries.get_note(owner_of(request), note_id), payload)


# Options -------------------------------------------------------------------------------------


class OptionOut(Schema):
    id: int
    title: str
    occupation_code: str
    occupation_title: str
    description: str
    status: str
    evidence_count: int = 0
    organizations: list[OrganizationRef]


class OptionIn(Schema):
    title: Name200
    description: LongText = ""
    status: Option.Status = Option.Status.EXPLORE
    occupation_code: Text20 = Field(
        "", description="An O*NET-SOC code (e.g. 15-2051.00); empty for none."
    )
    organization_ids: OrganizationIds = Field(
        default_factory=list, description="Your organizations where you'd do it."
    )


class OptionPatch(Schema):
    """Only the fields sent change."""

    title: Text200 | None = None
    description: LongText | None = None
    status: Option.Status | None = None
    occupation_code: Text20 | None = Field(None, description="An O*NET-SOC code; empty unlinks.")
    organization_ids: OrganizationIds | None = None


def _mine(owner: Any, organization_ids: list[int] | None) -> list[int] | None:
    """The ids, when all are the owner's organizations; someone else's is not found (404),
    like an id in a path."""
    if organization_ids:
        wanted = set(organization_ids)
        found = network_queries.organizations_for(owner).filter(pk__in=wanted).count()
        if found != len(wanted):
            raise Http404
    return organization_ids


def _option(owner: Any, option_id: int) -> Option:
    """Annotated like the list (evidence counted, employers prefetched), or 404."""
    found = queries.options_for(owner).filter(pk=option_id).first()
    if found is None:
        raise Http404
    return found


@router.get("/strategy/options", response=answers(list[OptionOut]), tags=["strategy"])
@decorate_view(with_etag)
def list_options(request: HttpRequest) -> Any:
    """The occupations or roles you are exploring, focus first."""
    return queries.options_for(owner_of(request))


@router.post("/strategy/options", response=answers(OptionOut, 201), tags=["strategy"])
@decorate_view(idempotent)
def create_option(request: HttpRequest, payload: OptionIn) -> Status[Option]:
    """An occupation or role to explore, optionally at some of your organizations."""
    owner = owner_of(request)
    with transaction.atomic():
        fields = payload.dict(exclude={"occupation_code", "organization_ids"})
        option = services.add_option(
            owner=owner, organization_ids=_mine(owner, payload.organization_ids) or [], **fields
        )
        if payload.occupation_code:
            services.set_option_occupation(option=option, occupation_code=payload.occupation_code)
    return Status(201, _option(owner, option.pk))


@router.get("/strategy/options/{option_id}", response=answers(OptionOut), tags=["strategy"])
@decorate_view(with_etag)
def get_option(request: HttpRequest, option_id: Id) -> Option:
    return _option(owner_of(request), option_id)


@router.patch("/strategy/options/{option_id}", response=answers(OptionOut), tags=["strategy"])
def update_option(request: HttpRequest, option_id: Id, payload: OptionPatch) -> Option:
    """Explore, focus or drop it (method.md 11.5), rename it, link an occupation, its employers."""
    owner = owner_of(request)
    option = queries.get_option(owner, option_id)
    sent = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    with transaction.atomic():
        fields = {k: sent[k] for k in ("title", "description") if k in sent}
        if fields or "organization_ids" in sent:
            services.update_option(
                option=option, organization_ids=_mine(owner, sent.get("organization_ids")), **fields
            )
        if "occupation_code" in sent:
            services.set_option_occupation(option=option, occupation_code=sent["occupation_code"])
        if "status" in sent:
            services.set_option_status(option=option, status=sent["status"])
    return _option(owner, option_id)


@router.delete("/strategy/options/{option_id}", response=answers(None, 204), tags=["strategy"])
def delete_option(request: HttpRequest, option_id: Id) -> Status[None]:
    """Remove the option; evidence tagged to it stays, without an option."""
    services.delete_option(option=queries.get_option(owner_of(request), option_id))
    return Status(204, None)


# Obstacles and their actions -----------------------------------------------------------------


class ActionOut(Schema):
    id: int
    obstacle_id: int
    text: str
    due_on: Any = Field(None, description="A date (YYYY-MM-DD) or null.")
    done_at: datetime | None


class ObstacleOut(Schema):
    id: int
    title: str
    notes: str
    status: str = Field(description="open, working or closed.")
    closed_at: datetime | None
    actions: list[ActionOut]
    conversation_count: int = Field(description="Conversations you raise it in.")
    question_count: int = Field(description="Questions about it in your conversations' plans.")
    advice_count: int = Field(description="Pieces of advice linked to it.")

    @staticmethod
    def resolve_actions(obstacle: Obstacle) -> list[Action]:
        return list(obstacle.actions.all())


class ObstacleIn(Schema):
    title: Name200
    notes: LongText = ""


class ObstaclePatch(Schema):
    title: Text200 | None = None
    notes: LongText | None = None
    status: Obstacle.Status | None = None


class ActionIn(Schema):
    text: Annotated[str, StringConstraints(min_length=1, max_length=300), NO_NUL]
    due_on: Day | None = None


class ActionPatch(Schema):
    done: bool


def _obstacle(owner: Any, obstacle_id: int) -> Obstacle:
    """With its actions, as the obstacles page shows it (at most 100 obstacles), or 404."""
    found = [o for o in queries.obstacles_for(owner) if o.pk == obstacle_id]
    if not found:
        raise Http404
    return found[0]


@router.get("/strategy/obstacles", response=answers(list[ObstacleOut]), tags=["strategy"])
@decorate_view(with_etag)
def list_obstacles(request: HttpRequest) -> Any:
    """What stands between you and the work you want, the ones you're working on first."""
    return queries.obstacles_for(owner_of(request))


@router.post("/strategy/obstacles", response=answers(ObstacleOut, 201), tags=["strategy"])
@decorate_view(idempotent)
def create_obstacle(request: HttpRequest, payload: ObstacleIn) -> Status[Obstacle]:
    owner = owner_of(request)
    obstacle = services.add_obstacle(owner=owner, **payload.dict())
    return Status(201, _obstacle(owner, obstacle.pk))


@router.get("/strategy/obstacles/{obstacle_id}", response=answers(ObstacleOut), tags=["strategy"])
@decorate_view(with_etag)
def get_obstacle(request: HttpRequest, obstacle_id: Id) -> Obstacle:
    return _obstacle(owner_of(request), obstacle_id)


@router.patch("/strategy/obstacles/{obstacle_id}", response=answers(ObstacleOut), tags=["strategy"])
def update_obstacle(request: HttpRequest, obstacle_id: Id, payload: ObstaclePatch) -> Obstacle:
    """Reword it, or move it: open, working (on it) or closed."""
    owner = owner_of(request)
    obstacle = queries.get_obstacle(owner, obstacle_id)
    sent = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    with transaction.atomic():
        if "title" in sent or "notes" in sent:
            services.update_obstacle(
                obstacle=obstacle,
                title=sent.get("title", obstacle.title),
                notes=sent.get("notes", obstacle.notes),
            )
        if "status" in sent:
            services.set_obstacle_status(obstacle=obstacle, status=sent["status"])
    return _obstacle(owner, obstacle_id)


@router.delete("/strategy/obstacles/{obstacle_id}", response=answers(None, 204), tags=["strategy"])
def delete_obstacle(request: HttpRequest, obstacle_id: Id) -> Status[None]:
    """Remove it and its actions (questions and advice stay where they are)."""
    services.delete_obstacle(obstacle=queries.get_obstacle(owner_of(request), obstacle_id))
    return Status(204, None)


@router.post(
    "/strategy/obstacles/{obstacle_id}/actions",
    response=answers(ActionOut, 201),
    tags=["strategy"],
)
@decorate_view(idempotent)
def add_action(request: HttpRequest, obstacle_id: Id, payload: ActionIn) -> Status[Action]:
    """A next step; adding one to an open obstacle means you're working on it."""
    obstacle = queries.get_obstacle(owner_of(request), obstacle_id)
    return Status(201, services.add_action(obstacle=obstacle, **payload.dict()))


@router.patch("/strategy/actions/{action_id}", response=answers(ActionOut), tags=["strategy"])
def update_action(request: HttpRequest, action_id: Id, payload: ActionPatch) -> Action:
    """Mark it done, or not done again."""
    action = queries.get_action(owner_of(request), action_id)
    return services.set_action_done(action=action, done=payload.done)


@router.delete("/strategy/actions/{action_id}", response=answers(None, 204), tags=["strategy"])
def delete_action(request: HttpRequest, action_id: Id) -> Status[None]:
    services.delete_action(action=queries.get_action(owner_of(request), action_id))
    return Status(204, None)


# Obstacles in conversations: raised in a brief, asked about, advice linked (method.md 11.4) ----


class RaiseNewIn(Schema):
    title: Name200 = Field(description="A new obstacle, or one you have (raised as it is).")


class RaisedIn(Schema):
    raised: bool = Field(True, description="false: no longer raise it in this conversation.")


class LinkedIn(Schema):
    linked: bool = Field(True, description="false unlinks it.")


class QuestionOut(Schema):
    id: int
    conversation_id: int
    text: str


@router.post(
    "/conversations/{conversation_id}/obstacles",
    response=answers(ObstacleOut, 201),
    tags=["strategy"],
)
@decorate_view(idempotent)
def raise_new_obstacle(
    request: HttpRequest, conversation_id: Id, payload: RaiseNewIn
) -> Status[Obstacle]:
    """Raise an obstacle in the conversation's brief: a new one, or the one you have with the
    same title."""
    owner = owner_of(request)
    conversation = conversation_queries.get_conversation(owner, conversation_id)
    obstacle = services.raise_new(conversation=conversation, title=payload.title)
    return Status(201, _obstacle(owner, obstacle.pk))


@router.post(
    "/conversations/{conversation_id}/obstacles/{obstacle_id}/raise",
    response=answers(ObstacleOut),
    tags=["strategy"],
)
def raise_obstacle(
    request: HttpRequest, conversation_id: Id, obstacle_id: Id, payload: RaisedIn
) -> Obstacle:
    """Raise one of your obstacles in the conversation's brief, or stop raising it there."""
    owner = owner_of(request)
    conversation = conversation_queries.get_conversation(owner, conversation_id)
    obstacle = queries.get_obstacle(owner, obstacle_id)
    services.set_raised(conversation=conversation, obstacle=obstacle, raised=payload.raised)
    return _obstacle(owner, obstacle.pk)


@router.post(
    "/conversations/{conversation_id}/obstacles/{obstacle_id}/ask",
    response=answers(QuestionOut, 201),
    tags=["strategy"],
)
@decorate_view(idempotent)
def ask_about_obstacle(
    request: HttpRequest, conversation_id: Id, obstacle_id: Id
) -> Status[Question]:
    """Put a question about the obstacle in the conversation's plan (and raise it there); the
    question already planned is answered again rather than a second one added."""
    owner = owner_of(request)
    conversation = conversation_queries.get_conversation(owner, conversation_id)
    obstacle = queries.get_obstacle(owner, obstacle_id)
    return Status(201, services.ask_about(conversation=conversation, obstacle=obstacle))


@router.post(
    "/strategy/obstacles/{obstacle_id}/advice/{capture_id}",
    response=answers(ObstacleOut),
    tags=["strategy"],
)
def link_advice(
    request: HttpRequest, obstacle_id: Id, capture_id: Id, payload: LinkedIn
) -> Obstacle:
    """Link advice someone gave you (a capture of a conversation) to the obstacle it is
    about, or unlink it."""
    owner = owner_of(request)
    obstacle = queries.get_obstacle(owner, obstacle_id)
    capture = prep_queries.get_capture(owner, capture_id)
    services.link_advice(obstacle=obstacle, capture=capture, linked=payload.linked)
    return _obstacle(owner, obstacle.pk)
