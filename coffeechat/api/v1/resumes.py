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
    MAX_PAGE,
    NO_NUL,
    ApiError,
    Page,
    Text200,
    answers,
    idempotent,
    owner_of,
    page_of,
    with_etag,
)
from coffeechat.resumes import document as doc
from coffeechat.resumes import downloads, editing, from_profile, queries, services
from coffeechat.resumes.models import Paper, Resume, Template, Version

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


class BasicsIn(Schema):
    values: Values = Field(default_factory=dict)
    location: Values | None = None
    revision: Revision | None = Field(None, description=REVISION)


class EntryIn(Schema):
    values: Values
    revision: Revision | None = Field(None, description=REVISION)


class MoveIn(Schema):
    direction: Literal["up", "down"]
    revision: Revision | None = Field(None, description=REVISION)


class HideIn(Schema):
    hidden: bool = True
    revision: Revision | None = Field(None, description=REVISION)


def _resume(request: HttpRequest, resume_id: int) -> Resume:
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
    return Status(201, queries.get_resume(owner, resume.pk))


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
    return Status(201, queries.get_resume(owner, resume.pk))


@router.get("/resumes/{resume_id}", response=answers(ResumeDocumentOut), tags=["resumes"])
@decorate_view(with_etag)
def get_resume(request: HttpRequest, resume_id: Id) -> Resume:
    return _resume(request, resume_id)


@router.patch("/resumes/{resume_id}", response=answers(ResumeDocumentOut), tags=["resumes"])
def update_resume(request: HttpRequest, resume_id: Id, payload: SettingsPatch) -> Resume:
    """Its name, template, paper, length, and the role and employer it's for."""
    resume = _resume(request, resume_id)
    current = {
        "name": resume.name,
        "template": resume.template,
        "paper": resume.paper,
        "max_pages": resume.max_pages,
        "target_role": resume.target_role,
        "organization_name": resume.target_organization.name if resume.target_organization else "",
    }
    sent = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    services.update_settings(resume=resume, **{**current, **sent})
    return _resume(request, resume_id)


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
        resume=_resume(request, resume_id),
        name=payload.name,
        target_role=payload.target_role,
        organization_name=payload.organization_name,
    )
    return Status(201, _resume(request, tailored.pk))


@router.delete("/resumes/{resume_id}", response=answers(None, 204), tags=["resumes"])
def delete_resume(request: HttpRequest, resume_id: Id) -> Status[None]:
    """Delete it with its versions and suggestions."""
    services.delete_resume(resume=_resume(request, resume_id))
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
    made = downloads.make(_resume(request, resume_id), format=format, user=owner_of(request))
    response = HttpResponse(made.content, content_type=made.media_type)
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    return response


# The document ----------------------------------------------------------------------------------


@router.put("/resumes/{resume_id}/basics", response=answers(ResumeDocumentOut), tags=["resumes"])
def update_basics(request: HttpRequest, resume_id: Id, payload: BasicsIn) -> Resume:
    """Who you are: name, label (headline), email, phone, url, summary, and location."""
    editing.update_basics(
        resume=_resume(request, resume_id),
        values=payload.values,
        location=payload.location,
        revision=payload.revision,
    )
    return _resume(request, resume_id)


@router.post(
    "/resumes/{resume_id}/sections/{section}",
    response=answers(ResumeDocumentOut, 201),
    tags=["resumes"],
)
@decorate_view(idempotent)
def add_entry(
    request: HttpRequest, resume_id: Id, section: Section, payload: EntryIn
) -> Status[Resume]:
    """An entry at the end of a section (work, education, skills, projects ...)."""
    editing.save_entry(
        resume=_resume(request, resume_id),
        section=section,
        values=payload.values,
        revision=payload.revision,
    )
    return Status(201, _resume(request, resume_id))


@router.put(
    "/resumes/{resume_id}/sections/{section}/{index}",
    response=answers(ResumeDocumentOut),
    tags=["resumes"],
)
def update_entry(
    request: HttpRequest, resume_id: Id, section: Section, index: Index, payload: EntryIn
) -> Resume:
    """Change the fields sent of the entry at `index` (the others stay)."""
    editing.save_entry(
        resume=_resume(request, resume_id),
        section=section,
        index=index,
        values=payload.values,
        revision=payload.revision,
    )
    return _resume(request, resume_id)


@router.delete(
    "/resumes/{resume_id}/sections/{section}/{index}",
    response=answers(ResumeDocumentOut),
    tags=["resumes"],
)
def delete_entry(
    request: HttpRequest,
    resume_id: Id,
    section: Section,
    index: Index,
    revision: RevisionQuery = None,
) -> Resume:
    """Remove the entry (a new version: restore an older one to get it back)."""
    editing.delete_entry(
        resume=_resume(request, resume_id),
        section=section,
        index=index,
        revision=revision,
    )
    return _resume(request, resume_id)


@router.post(
    "/resumes/{resume_id}/sections/{section}/{index}/move",
    response=answers(ResumeDocumentOut),
    tags=["resumes"],
)
def move_entry(
    request: HttpRequest, resume_id: Id, section: Section, index: Index, payload: MoveIn
) -> Resume:
    editing.move_entry(
        resume=_resume(request, resume_id),
        section=section,
        index=index,
        direction=payload.direction,
        revision=payload.revision,
    )
    return _resume(request, resume_id)


@router.post(
    "/resumes/{resume_id}/sections/{section}/{index}/hide",
    response=answers(ResumeDocumentOut),
    tags=["resumes"],
)
def hide_entry(
    request: HttpRequest, resume_id: Id, section: Section, index: Index, payload: HideIn
) -> Resume:
    """Leave the entry out of what prints (it stays in the resume), or print it again."""
    editing.set_hidden(
        resume=_resume(request, resume_id),
        section=section,
        index=index,
        hidden=payload.hidden,
        revision=payload.revision,
    )
    return _resume(request, resume_id)


# Bullets (an entry's `highlights`, edited one by one as in the editor) --------------------------

Bullet = Annotated[int, Path(ge=0, le=999, description="The bullet's place in its entry, from 0.")]
_BULLETS = "/resumes/{resume_id}/sections/{section}/{index}/bullets"


class BulletIn(Schema):
    text: Annotated[str, StringConstraints(min_length=1, max_length=1000), NO_NUL]
    revision: Revision | None = Field(None, description=REVISION)


@router.post(_BULLETS, response=answers(ResumeDocumentOut, 201), tags=["resumes"])
@decorate_view(idempotent)
def add_bullet(
    request: HttpRequest, resume_id: Id, section: Section, index: Index, payload: BulletIn
) -> Status[Resume]:
    """A bullet at the end of the entry (work, volunteer, projects ...)."""
    editing.save_bullet(
        resume=_resume(request, resume_id),
        section=section,
        index=index,
        text=payload.text,
        revision=payload.revision,
    )
    return Status(201, _resume(request, resume_id))


@router.put(_BULLETS + "/{bullet}", response=answers(ResumeDocumentOut), tags=["resumes"])
def update_bullet(
    request: HttpRequest,
    resume_id: Id,
    section: Section,
    index: Index,
    bullet: Bullet,
    payload: BulletIn,
) -> Resume:
    editing.save_bullet(
        resume=_resume(request, resume_id),
        section=section,
        index=index,
        bullet=bullet,
        text=payload.text,
        revision=payload.revision,
    )
    return _resume(request, resume_id)


@router.delete(_BULLETS + "/{bullet}", response=answers(ResumeDocumentOut), tags=["resumes"])
def delete_bullet(
    request: HttpRequest,
    resume_id: Id,
    section: Section,
    index: Index,
    bullet: Bullet,
    revision: RevisionQuery = None,
) -> Resume:
    editing.delete_bullet(
        resume=_resume(request, resume_id),
        section=section,
        index=index,
        bullet=bullet,
        revision=revision,
    )
    return _resume(request, resume_id)


@router.post(_BULLETS + "/{bullet}/move", response=answers(ResumeDocumentOut), tags=["resumes"])
def move_bullet(
    request: HttpRequest,
    resume_id: Id,
    section: Section,
    index: Index,
    bullet: Bullet,
    payload: MoveIn,
) -> Resume:
    editing.move_bullet(
        resume=_resume(request, resume_id),
        section=section,
        index=index,
        bullet=bullet,
        direction=payload.direction,
        revision=payload.revision,
    )
    return _resume(request, resume_id)


@router.post(_BULLETS + "/{bullet}/hide", response=answers(ResumeDocumentOut), tags=["resumes"])
def hide_bullet(
    request: HttpRequest,
    resume_id: Id,
    section: Section,
    index: Index,
    bullet: Bullet,
    payload: HideIn,
) -> Resume:
    """Leave one bullet out of what prints, or print it again."""
    editing.set_hidden(
        resume=_resume(request, resume_id),
        section=section,
        index=index,
        bullet=bullet,
        hidden=payload.hidden,
        revision=payload.revision,
    )
    return _resume(request, resume_id)


# Versions (every change is one; name one to find it again, restore an older one) -------------

Limit = Annotated[int, Field(ge=1, le=MAX_PAGE, description="Items per page (1-100).")]


class VersionOut(Schema):
    id: int
    resume_id: int
    number: int = Field(description="Numbered from 1 in the order the changes were made.")
    label: str = Field(description="The name you gave it; empty if none.")
    change: str = Field(description="What changed, in a sentence.")
    revision: int = Field(description="The resume's `revision` this version was saved as.")
    created_at: datetime


class VersionDocumentOut(VersionOut):
    document: dict[str, Any] = Field(description="The JSON Resume document as it was.")

    @staticmethod
    def resolve_document(version: Version) -> dict[str, Any]:
        return json.loads(version.document)


class VersionsPage(Page):
    items: list[VersionOut]


class VersionLabelIn(Schema):
    label: Text120 = Field(description="A name to find it again; empty removes the name.")


class RestoreIn(Schema):
    revision: Revision | None = Field(None, description=REVISION)


@router.get("/resumes/{resume_id}/versions", response=answers(VersionsPage), tags=["resumes"])
@decorate_view(with_etag)
def list_versions(
    request: HttpRequest, resume_id: Id, cursor: Text200 | None = None, limit: Limit = 50
) -> dict[str, Any]:
    """The resume's versions, oldest first (without their documents)."""
    return page_of(queries.versions_of(_resume(request, resume_id)), cursor, limit)


@router.get(
    "/resumes/versions/{version_id}", response=answers(VersionDocumentOut), tags=["resumes"]
)
@decorate_view(with_etag)
def get_version(request: HttpRequest, version_id: Id) -> Version:
    return queries.get_version(owner_of(request), version_id)


@router.patch("/resumes/versions/{version_id}", response=answers(VersionOut), tags=["resumes"])
def name_version(request: HttpRequest, version_id: Id, payload: VersionLabelIn) -> Version:
    """Name a version (an explicit save), or remove its name."""
    version = queries.get_version(owner_of(request), version_id)
    return services.name_version(version=version, label=payload.label)


@router.post(
    "/resumes/versions/{version_id}/restore",
    response=answers(ResumeDocumentOut),
    tags=["resumes"],
)
@decorate_view(idempotent)
def restore_version(request: HttpRequest, version_id: Id, payload: RestoreIn) -> Resume:
    """Make the version the resume's content again, saved as a new version (nothing is lost).
    Answers the resume."""
    version = queries.get_version(owner_of(request), version_id)
    services.restore(version=version, revision=payload.revision)
    return _resume(request, version.resume_id)
