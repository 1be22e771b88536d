"""Resumes (coffeechat.resumes): made from the profile or empty, their settings, the basics,
the entries of each section, and the files the resume page downloads, through the same
services as the resume editor. Every change to the document is a new version; send the
`revision` you read to refuse a change made over someone else's newer one."""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Path, Router, Schema
from ninja.decorators import decorate_view
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import Field, StringConstraints

from coffeechat.api.v1.common import (
    MAX_ID,
    NO_NUL,
    ApiError,
    Text200,
    answers,
    idempotent,
    owner_of,
    with_etag,
)
from coffeechat.resumes import document as doc
from coffeechat.resumes import downloads, from_profile, queries, services
from coffeechat.resumes.models import Paper, Resume, Template

router = Router()

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Index = Annotated[int, Path(ge=0, le=999, description="The entry's place in its section, from 0.")]
Text110 = Annotated[str, StringConstraints(max_length=110), NO_NUL]  # the forms' bound
Text120 = Annotated[str, StringConstraints(max_length=120), NO_NUL]
Value = Annotated[str, StringConstraints(max_length=5000), NO_NUL]
Lines = Annotated[list[Value], Field(max_length=100)]
Values = Annotated[
    dict[Annotated[str, StringConstraints(max_length=40)], Value | Lines],
    Field(
        max_length=40,
        description="JSON Resume fields of the entry (e.g. name, position, startDate, "
        "highlights); an empty value removes the field, unknown ones are ignored.",
    ),
]
Revision = Annotated[int, Field(ge=1, le=MAX_ID, strict=True)]
REVISION = "The resume's `revision` you read: refused if it changed since (optional)."
RevisionQuery = Annotated[int | None, Field(ge=1, le=MAX_ID, description=REVISION)]

Section = StrEnum("Section", {s.key: s.key for s in doc.SECTIONS})  # type: ignore[misc]
Format = StrEnum("Format", {f: f for f in downloads.FORMATS})  # type: ignore[misc]
MEDIA_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "text/markdown": "Markdown",
    "text/plain": "Plain text",
    "application/json": "JSON Resume",
}


class OrganizationRef(Schema):
    id: int
    name: str


class ResumeOut(Schema):
    id: int
    name: str
    kind: str
    target_role: str
    target_organization: OrganizationRef | None
    revision: int
    template: str
    paper: str
    max_pages: int
    updated_at: datetime


class ResumeDocumentOut(ResumeOut):
    document: dict[str, Any] = Field(description="The JSON Resume 1.x document.")

    @staticmethod
    def resolve_document(resume: Resume) -> dict[str, Any]:
        return json.loads(resume.document)


class ResumeIn(Schema):
    name: Text120 = ""
    source: Literal["profile", "blank"] = Field(
        "profile",
        description="profile: built from your profile's positions, schools and skills; "
        "blank: only your name and email.",
    )


class SettingsPatch(Schema):
    """Only the fields sent change."""

    name: Text120 | None = None
    template: Template | None = None
    paper: Paper | None = None
    max_pages: Literal[1, 2] | None = None
    target_role: Text200 | None = None
    organization_name: Text200 | None = Field(
        None, description="One of your organizations, by name; empty for none."
    )


def resume_of(request: HttpRequest, resume_id: int) -> Resume:
    return queries.get_resume(owner_of(request), resume_id)


# /api/v1/resumes
@router.get("/resumes", response=answers(list[ResumeOut]), tags=["resumes"])
@decorate_view(with_etag)
def list_resumes(request: HttpRequest) -> Any:
    return queries.resumes_for(owner_of(request))


@router.post("/resumes", response=answers(ResumeDocumentOut, 201), tags=["resumes"])
@decorate_view(idempotent)
def create_resume(request: HttpRequest, payload: ResumeIn) -> Status[Resume]:
    """A new base resume, from your profile or blank, as the Resumes page makes it."""
    owner = owner_of(request)
    if payload.source == "blank":
        basics = {k: v for k, v in (("name", owner.display_name), ("email", owner.email)) if v}
        resume = services.create_resume(
            owner=owner,
            name=payload.name or "My resume",
            document={"basics": basics},
            change="Started empty",
        )
    else:
        resume = from_profile.build_from_profile(owner=owner, name=payload.name)
    return Status(201, resume)


@router.post("/resumes/import", response=answers(ResumeDocumentOut, 201), tags=["resumes"])
@decorate_view(idempotent)
def import_resume(
    request: HttpRequest,
    file: File[UploadedFile],
    name: str = Form("", max_length=110, description="Empty: from the name in the file."),
) -> Status[Resume]:
    """A resume from a JSON Resume file (1 MB at most), exactly as written; named after the
    person in it unless you name it. A file that isn't one is refused with every problem."""
    owner = owner_of(request)
    if "\x00" in name:
        raise ApiError(400, "invalid", "Text may not contain NUL characters.", "name")
    try:
        resume = services.import_resume(
            owner=owner,
            raw=file.read(doc.MAX_BYTES + 5),  # a few bytes more: the service words the refusal
            filename=file.name or "",
            name=name,
        )
    except doc.InvalidResume as error:
        problems = "; ".join(f"{p.where}: {p.message}" for p in error.problems)
        raise ApiError(400, "invalid", problems, "file") from None
    return Status(201, resume)


@router.get("/resumes/{resume_id}", response=answers(ResumeDocumentOut), tags=["resumes"])
@decorate_view(with_etag)
def get_resume(request: HttpRequest, resume_id: Id) -> Resume:
    return resume_of(request, resume_id)


@router.patch("/resumes/{resume_id}", response=answers(ResumeDocumentOut), tags=["resumes"])
def update_resume(request: HttpRequest, resume_id: Id, payload: SettingsPatch) -> Resume:
    """Its name, template, paper, length, and the role and employer it's for."""
    resume = resume_of(request, resume_id)
    current = {
        "name": resume.name,
        "template": resume.template,
        "paper": resume.paper,
        "max_pages": resume.max_pages,
        "target_role": resume.target_role,
        "organization_name": resume.target_organization.name if resume.target_organization else "",
    }
    sent = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return services.update_settings(resume=resume, **{**current, **sent})


class TailorIn(Schema):
    target_role: Text200 = Field("", description="The role it's for, e.g. Product analyst.")
    organization_name: Text200 = Field(
        "", description="The employer it's for: one of your organizations, by name."
    )
    name: Text110 = Field("", description="Empty: named after what it's for.")


@router.post(
    "/resumes/{resume_id}/tailor", response=answers(ResumeDocumentOut, 201), tags=["resumes"]
)
@decorate_view(idempotent)
def tailor_resume(request: HttpRequest, resume_id: Id, payload: TailorIn) -> Status[Resume]:
    """A copy of the resume to tailor for a role, an employer of yours, or both (the resume
    page's "Tailor a copy"). Answers the copy."""
    tailored = services.tailor(
        resume=resume_of(request, resume_id),
        name=payload.name,
        target_role=payload.target_role,
        organization_name=payload.organization_name,
    )
    return Status(201, tailored)


@router.delete("/resumes/{resume_id}", response=answers(None, 204), tags=["resumes"])
def delete_resume(request: HttpRequest, resume_id: Id) -> Status[None]:
    """Delete it with its versions and suggestions."""
    services.delete_resume(resume=resume_of(request, resume_id))
    return Status(204, None)


@router.get(
    "/resumes/{resume_id}/download/{format}",
    response=answers(None),
    tags=["resumes"],
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as the resume page downloads it (hidden entries "
                "left out of all but JSON).",
                "content": {
                    media_type: {"schema": {"type": "string", "contentMediaType": media_type}}
                    for media_type in MEDIA_TYPES
                },
            }
        }
    },
)
def download_resume(request: HttpRequest, resume_id: Id, format: Format) -> HttpResponse:
    made = downloads.make(resume_of(request, resume_id), format=format, user=owner_of(request))
    response = HttpResponse(made.content, content_type=made.media_type)
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    return response
