"""The target list (coffeechat.targets): employers put on it, scored, moved and removed, and
the first person asked there, through the same services as the Targets pages."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Path, Router, Schema
from ninja.decorators import decorate_view
from ninja.responses import Status
from pydantic import Field, StringConstraints, model_validator

from coffeechat.api.v1.common import (
    MAX_ID,
    NO_NUL,
    BodyId,
    LongText,
    Text200,
    answers,
    body_id_doc,
    idempotent,
    owner_of,
    with_etag,
)
from coffeechat.network import queries as network_queries
from coffeechat.network import services as network_services
from coffeechat.targets import paste, queries, services
from coffeechat.targets.models import Target

router = Router()

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
MAX_TARGETS = 500  # the method aims at 40
Motivation = Annotated[int, Field(ge=1, le=5, strict=True)]
Posting = Annotated[int, Field(ge=1, le=3, strict=True)]


class OrganizationRef(Schema):
    id: int
    name: str


class TargetOut(Schema):
    id: int
    organization: OrganizationRef
    source: str
    motivation: int | None = Field(description="1-5, by gut (5: a dream employer).")
    posting: int | None = Field(description="3: a posting for your function, 2: others, 1: none.")
    advocacy: bool = Field(description="You know someone there.")
    people_count: int
    status: str
    outcome: str
    size: str
    notes: str
    in_top_five: bool = Field(False, description="In the active batch (method.md RULE-L6).")


class TargetChangedOut(TargetOut):
    top_five: list[str] = Field(
        default_factory=list,
        description="What the change did to your top five, in sentences (often nothing).",
    )


class TargetIn(Schema):
    organization_id: BodyId | None = Field(
        None, description="One of your organizations (or give `name` instead)."
    )
    name: Text200 = Field(
        "", description="An employer by name: your organization of that name (any case), or new."
    )
    source: Target.Source = Target.Source.OTHER
    motivation: Motivation | None = None
    posting: Posting | None = None
    size: Target.Size = Target.Size.UNKNOWN
    notes: LongText = ""

    @model_validator(mode="after")
    def _one_employer(self) -> TargetIn:
        if (self.organization_id is None) == (not self.name.strip()):
            raise ValueError("Give either organization_id or name")
        return self


class TargetPatch(Schema):
    """Only the fields sent change; a score sent as null clears it (not rated yet)."""

    motivation: Motivation | None = None
    posting: Posting | None = None
    confirm_motivation: bool = Field(
        False, description='Stamp Motivation as re-rated even when unchanged ("still a 4").'
    )
    source: Target.Source | None = None
    size: Target.Size | None = None
    notes: LongText | None = None


class StatusIn(Schema):
    status: Target.Status
    outcome: Target.Outcome | None = Field(None, description="Required when closing.")


class AskIn(Schema):
    person_id: BodyId = body_id_doc("One of your people who works at this employer.")


class AskOut(Schema):
    conversation_id: int = Field(description="The conversation to write the request in.")
    stage: str


def _answer(owner: Any, target_id: int, change: services.BatchChange | None = None) -> Target:
    batch = queries.batch_ids(owner)
    target = queries.get_target(owner, target_id)
    target.in_top_five = target.pk in batch  # type: ignore[attr-defined]
    target.top_five = change.messages if change else []  # type: ignore[attr-defined]
    return target


# /api/v1/targets
@router.get("/targets", response=answers(list[TargetOut]), tags=["targets"])
@decorate_view(with_etag)
def list_targets(request: HttpRequest) -> list[Target]:
    """Your target employers in the list's order (Motivation, Posting, Advocacy, name)."""
    owner = owner_of(request)
    batch = set(queries.batch_ids(owner))
    targets = list(queries.targets_for(owner)[:MAX_TARGETS])
    for target in targets:
        target.in_top_five = target.pk in batch  # type: ignore[attr-defined]
    return targets


@router.post("/targets", response=answers(TargetChangedOut, 201), tags=["targets"])
@decorate_view(idempotent)
def create_target(request: HttpRequest, payload: TargetIn) -> Status[Target]:
    """Put an employer on your list: one of your organizations by id, or by name."""
    owner = owner_of(request)
    fields = payload.dict(exclude={"organization_id", "name"})
    with services.watching_batch(owner) as change, transaction.atomic():
        organization = (
            network_queries.get_organization(owner, payload.organization_id)
            if payload.organization_id is not None
            else network_services.organization_named(owner=owner, name=payload.name)
        )
        if organization is None:
            raise ValidationError({"name": "Type the employer's name."})
        added = services.add_target(owner=owner, organization=organization, **fields)
    return Status(201, _answer(owner, added.pk, change))


class PasteIn(Schema):
    names: Annotated[str, StringConstraints(max_length=2 * paste.MAX_CHARS), NO_NUL] = Field(
        description="Employer names, one per line (as pasted from a spreadsheet or a note)."
    )
    source: Target.Source = Target.Source.OTHER
    choices: dict[Annotated[int, Field(ge=1, le=10_000)], Literal["new"] | BodyId] = Field(
        default_factory=dict,
        max_length=1000,
        description="For a line whose name is near some of your organizations' names (the "
        'refusal names them): its line number, and "new" or the id of the one it means.',
    )


class PasteLineOut(Schema):
    number: int
    name: str
    result: str = Field(description="What happened to the line, in a sentence.")
    added: bool


class PasteOut(Schema):
    added: int = Field(description="How many employers were put on the list.")
    lines: list[PasteLineOut]
    top_five: list[str] = Field(description="What the paste did to your top five, in sentences.")


@router.post("/targets/paste", response=answers(PasteOut, 201), tags=["targets"])
@decorate_view(idempotent)
def paste_targets(request: HttpRequest, payload: PasteIn) -> Status[dict[str, Any]]:
    """Put many employers on the list at once, one name per line, all or nothing: a name near
    one of your organizations' names (or a line that isn't a name) refuses the whole paste,
    saying which lines, until `choices` settles each near one."""
    owner = owner_of(request)
    choices: dict[int, str] = {}
    for number, choice in payload.choices.items():
        # An id in the body: the caller's own organization, or 404.
        choices[number] = (
            "new"
            if choice == "new"
            else str(network_queries.get_organization(owner, int(choice)).pk)
        )
    with services.watching_batch(owner) as change:
        outcomes = services.add_from_paste(
            owner=owner, text=payload.names, source=payload.source, choices=choices
        )
    return Status(
        201,
        {
            "added": sum(o.added for o in outcomes),
            "lines": [o.__dict__ for o in outcomes],
            "top_five": change.messages,
        },
    )


@router.get("/targets/{target_id}", response=answers(TargetOut), tags=["targets"])
@decorate_view(with_etag)
def get_target(request: HttpRequest, target_id: Id) -> Target:
    return _answer(owner_of(request), target_id)


@router.patch("/targets/{target_id}", response=answers(TargetChangedOut), tags=["targets"])
def update_target(request: HttpRequest, target_id: Id, payload: TargetPatch) -> Target:
    """Score it (Motivation 1-5, Posting 1-3) or change its source, size or notes."""
    owner = owner_of(request)
    target = queries.get_target(owner, target_id)
    sent = payload.dict(exclude_unset=True)
    scores = {k: sent[k] for k in ("motivation", "posting") if k in sent}
    if payload.confirm_motivation:  # "still a 4": the stored score, stamped as re-rated now
        scores.setdefault("motivation", target.motivation)
    with services.watching_batch(owner) as change, transaction.atomic():
        if scores:
            services.rate(target=target, confirm=payload.confirm_motivation, **scores)
        others = {k: v for k, v in sent.items() if k in services.TARGET_FIELDS and v is not None}
        if others:
            services.update_target(target=target, **others)
    return _answer(owner, target_id, change)


@router.post("/targets/{target_id}/status", response=answers(TargetChangedOut), tags=["targets"])
def set_target_status(request: HttpRequest, target_id: Id, payload: StatusIn) -> Target:
    """Referred, applied, closed (with how: offer, declined, exhausted) or open again."""
    owner = owner_of(request)
    target = queries.get_target(owner, target_id)
    with services.watching_batch(owner) as change:
        services.change_status(target=target, status=payload.status, outcome=payload.outcome or "")
    return _answer(owner, target_id, change)


@router.delete("/targets/{target_id}", response=answers(None, 204), tags=["targets"])
def delete_target(request: HttpRequest, target_id: Id) -> Status[None]:
    """Take the employer off your list; the organization and its people stay."""
    services.remove_target(target=queries.get_target(owner_of(request), target_id))
    return Status(204, None)


@router.post("/targets/{target_id}/ask", response=answers(AskOut), tags=["targets"])
def ask_at_target(request: HttpRequest, target_id: Id, payload: AskIn) -> Any:
    """The conversation to write the first request to one of your people there in (reused if
    one is being written; refused when two requests there already wait, method.md RULE-C4).
    Nothing is sent: write the draft with the conversation's draft endpoints."""
    owner = owner_of(request)
    target = queries.get_target(owner, target_id)
    person = network_queries.get_person(owner, payload.person_id)
    conversation = services.ask(owner=owner, target=target, person=person)
    return {"conversation_id": conversation.pk, "stage": conversation.stage}
