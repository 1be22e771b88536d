"""Reads of the target list, the strategy's themes and options, and resumes
(coffeechat.targets, .strategy, .resumes)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router, Schema
from ninja.decorators import decorate_view
from pydantic import Field

from coffeechat.api.v1.common import MAX_ID, answers, owner_of, with_etag
from coffeechat.resumes import queries as resume_queries
from coffeechat.resumes.models import Resume
from coffeechat.strategy import queries as strategy_queries
from coffeechat.targets import queries as target_queries
from coffeechat.targets.models import Target

router = Router()

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
MAX_TARGETS = 500  # the method aims at 40


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


# /api/v1/targets
@router.get("/targets", response=answers(list[TargetOut]), tags=["targets"])
@decorate_view(with_etag)
def list_targets(request: HttpRequest) -> list[Target]:
    """Your target employers in the list's order (Motivation, Posting, Advocacy, name)."""
    owner = owner_of(request)
    batch = set(target_queries.batch_ids(owner))
    targets = list(target_queries.targets_for(owner)[:MAX_TARGETS])
    for target in targets:
        target.in_top_five = target.pk in batch  # type: ignore[attr-defined]
    return targets


@router.get("/targets/{target_id}", response=answers(TargetOut), tags=["targets"])
@decorate_view(with_etag)
def get_target(request: HttpRequest, target_id: Id) -> Target:
    owner = owner_of(request)
    target = target_queries.get_target(owner, target_id)
    target.in_top_five = target.pk in target_queries.batch_ids(owner)  # type: ignore[attr-defined]
    return target


# Strategy ------------------------------------------------------------------------------------


class ThemeOut(Schema):
    id: int
    name: str
    kind: str
    people_count: int = Field(description="How many different people said it.")
    confirmed_at: datetime = Field(description="When a second person said it.")
    last_said_at: datetime


class OptionOut(Schema):
    id: int
    title: str
    occupation_code: str
    occupation_title: str
    description: str
    status: str
    evidence_count: int
    organizations: list[OrganizationRef]


@router.get("/strategy/themes", response=answers(list[ThemeOut]), tags=["strategy"])
@decorate_view(with_etag)
def list_themes(request: HttpRequest) -> list[Any]:
    """What at least two different people told you, most people first (at most 50)."""
    owner = owner_of(request)
    strategy_queries.refresh_themes(owner)
    return [row.theme for row in strategy_queries.themes_for(owner, limit=50, per_theme=0)]


@router.get("/strategy/options", response=answers(list[OptionOut]), tags=["strategy"])
@decorate_view(with_etag)
def list_options(request: HttpRequest) -> Any:
    """The occupations or roles you are exploring, focus first."""
    return strategy_queries.options_for(owner_of(request))


# Resumes -------------------------------------------------------------------------------------


class ResumeOut(Schema):
    id: int
    name: str
    kind: str
    target_role: str
    target_organization: OrganizationRef | None
    revision: int
    updated_at: datetime


class ResumeDocumentOut(ResumeOut):
    document: dict[str, Any] = Field(description="The JSON Resume 1.x document.")

    @staticmethod
    def resolve_document(resume: Resume) -> dict[str, Any]:
        return json.loads(resume.document)


@router.get("/resumes", response=answers(list[ResumeOut]), tags=["resumes"])
@decorate_view(with_etag)
def list_resumes(request: HttpRequest) -> Any:
    return resume_queries.resumes_for(owner_of(request))


@router.get("/resumes/{resume_id}", response=answers(ResumeDocumentOut), tags=["resumes"])
@decorate_view(with_etag)
def get_resume(request: HttpRequest, resume_id: Id) -> Resume:
    return resume_queries.get_resume(owner_of(request), resume_id)
