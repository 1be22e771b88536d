"""The career strategy (coffeechat.strategy): themes (rename, dismiss, merge), options
(occupations or roles to explore) and obstacles with their actions, through the same services
as the Strategy pages (method.md 11.3-11.5)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

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
from coffeechat.network import queries as network_queries
from coffeechat.prep import queries as prep_queries
from coffeechat.strategy import export, queries, services
from coffeechat.strategy.models import (
    Evidence,
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
    option = services.add_option(
        owner=owner,
        organization_ids=_mine(owner, payload.organization_ids) or [],
        link_occupation=payload.occupation_code,
        **payload.dict(exclude={"occupation_code", "organization_ids"}),
    )
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
    services.update_option(
        option=option,
        organization_ids=_mine(owner, sent.pop("organization_ids", None)),
        link_occupation=sent.pop("occupation_code", None),
        **sent,
    )
    return _option(owner, option_id)


@router.delete("/strategy/options/{option_id}", response=answers(None, 204), tags=["strategy"])
def delete_option(request: HttpRequest, option_id: Id) -> Status[None]:
    """Remove the option; evidence tagged to it stays, without an option."""
    services.delete_option(option=queries.get_option(owner_of(request), option_id))
    return Status(204, None)
