"""A resume's document (coffeechat.resumes.editing): the basics, the entries of each section,
their bullets and what prints, and the versions every change makes. Split off resumes.py for
length; the operation ids stay those of resumes.py (api.v1.SPLIT_FROM)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Path, Router, Schema
from ninja.decorators import decorate_view
from ninja.responses import Status
from pydantic import Field, StringConstraints

from coffeechat.api.v1.common import (
    MAX_PAGE,
    NO_NUL,
    Page,
    Text200,
    answers,
    idempotent,
    owner_of,
    page_of,
    with_etag,
)
from coffeechat.api.v1.resumes import (
    REVISION,
    Id,
    Index,
    ResumeDocumentOut,
    Revision,
    RevisionQuery,
    Section,
    Text120,
    Values,
    resume_of,
)
from coffeechat.resumes import editing, queries, services
from coffeechat.resumes.models import Resume, Version

router = Router()
CHANGED, ADDED = answers(ResumeDocumentOut), answers(ResumeDocumentOut, 201)


def _edited(
    request: HttpRequest, resume_id: int, change: Callable[..., Version], **how: Any
) -> Resume:
    """The owner's resume after `change` (an editing service) saved a new version of it: read
    once, since the service keeps the row it was given current."""
    resume = resume_of(request, resume_id)
    change(resume=resume, **how)
    return resume


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


# The document ----------------------------------------------------------------------------------


@router.put("/resumes/{resume_id}/basics", response=CHANGED, tags=["resumes"])
def update_basics(request: HttpRequest, resume_id: Id, payload: BasicsIn) -> Resume:
    """Who you are: name, label (headline), email, phone, url, summary, and location."""
    return _edited(request, resume_id, editing.update_basics, **payload.dict())


@router.post("/resumes/{resume_id}/sections/{section}", response=ADDED, tags=["resumes"])
@decorate_view(idempotent)
def add_entry(
    request: HttpRequest, resume_id: Id, section: Section, payload: EntryIn
) -> Status[Resume]:
    """An entry at the end of a section (work, education, skills, projects ...)."""
    return Status(
        201, _edited(request, resume_id, editing.save_entry, section=section, **payload.dict())
    )


@router.put("/resumes/{resume_id}/sections/{section}/{index}", response=CHANGED, tags=["resumes"])
def update_entry(
    request: HttpRequest, resume_id: Id, section: Section, index: Index, payload: EntryIn
) -> Resume:
    """Change the fields sent of the entry at `index` (the others stay)."""
    return _edited(
        request, resume_id, editing.save_entry, section=section, index=index, **payload.dict()
    )


@router.delete(
    "/resumes/{resume_id}/sections/{section}/{index}", response=CHANGED, tags=["resumes"]
)
def delete_entry(
    request: HttpRequest,
    resume_id: Id,
    section: Section,
    index: Index,
    revision: RevisionQuery = None,
) -> Resume:
    """Remove the entry (a new version: restore an older one to get it back)."""
    return _edited(
        request, resume_id, editing.delete_entry, section=section, index=index, revision=revision
    )


@router.post(
    "/resumes/{resume_id}/sections/{section}/{index}/move", response=CHANGED, tags=["resumes"]
)
def move_entry(
    request: HttpRequest, resume_id: Id, section: Section, index: Index, payload: MoveIn
) -> Resume:
    return _edited(
        request, resume_id, editing.move_entry, section=section, index=index, **payload.dict()
    )


@router.post(
    "/resumes/{resume_id}/sections/{section}/{index}/hide", response=CHANGED, tags=["resumes"]
)
def hide_entry(
    request: HttpRequest, resume_id: Id, section: Section, index: Index, payload: HideIn
) -> Resume:
    """Leave the entry out of what prints (it stays in the resume), or print it again."""
    return _edited(
        request, resume_id, editing.set_hidden, section=section, index=index, **payload.dict()
    )


# Bullets (an entry's `highlights`, edited one by one as in the editor) --------------------------

Bullet = Annotated[int, Path(ge=0, le=999, description="The bullet's place in its entry, from 0.")]
_BULLETS = "/resumes/{resume_id}/sections/{section}/{index}/bullets"


class BulletIn(Schema):
    text: Annotated[str, StringConstraints(min_length=1, max_length=1000), NO_NUL]
    revision: Revision | None = Field(None, description=REVISION)


@router.post(_BULLETS, response=ADDED, tags=["resumes"])
@decorate_view(idempotent)
def add_bullet(
    request: HttpRequest, resume_id: Id, section: Section, index: Index, payload: BulletIn
) -> Status[Resume]:
    """A bullet at the end of the entry (work, volunteer, projects ...)."""
    return Status(
        201,
        _edited(
            request, resume_id, editing.save_bullet, section=section, index=index, **payload.dict()
        ),
    )


@router.put(_BULLETS + "/{bullet}", response=CHANGED, tags=["resumes"])
def update_bullet(
    request: HttpRequest,
    resume_id: Id,
    section: Section,
    index: Index,
    bullet: Bullet,
    payload: BulletIn,
) -> Resume:
    return _edited(
        request,
        resume_id,
        editing.save_bullet,
        section=section,
        index=index,
        bullet=bullet,
        **payload.dict(),
    )


@router.delete(_BULLETS + "/{bullet}", response=CHANGED, tags=["resumes"])
def delete_bullet(
    request: HttpRequest,
    resume_id: Id,
    section: Section,
    index: Index,
    bullet: Bullet,
    revision: RevisionQuery = None,
) -> Resume:
    return _edited(
        request,
        resume_id,
        editing.delete_bullet,
        section=section,
        index=index,
        bullet=bullet,
        revision=revision,
    )


@router.post(_BULLETS + "/{bullet}/move", response=CHANGED, tags=["resumes"])
def move_bullet(
    request: HttpRequest,
    resume_id: Id,
    section: Section,
    index: Index,
    bullet: Bullet,
    payload: MoveIn,
) -> Resume:
    return _edited(
        request,
        resume_id,
        editing.move_bullet,
        section=section,
        index=index,
        bullet=bullet,
        **payload.dict(),
    )


@router.post(_BULLETS + "/{bullet}/hide", response=CHANGED, tags=["resumes"])
def hide_bullet(
    request: HttpRequest,
    resume_id: Id,
    section: Section,
    index: Index,
    bullet: Bullet,
    payload: HideIn,
) -> Resume:
    """Leave one bullet out of what prints, or print it again."""
    return _edited(
        request,
        resume_id,
        editing.set_hidden,
        section=section,
        index=index,
        bullet=bullet,
        **payload.dict(),
    )


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
    return page_of(queries.versions_of(resume_of(request, resume_id)), cursor, limit)


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


@router.post("/resumes/versions/{version_id}/restore", response=CHANGED, tags=["resumes"])
@decorate_view(idempotent)
def restore_version(request: HttpRequest, version_id: Id, payload: RestoreIn) -> Resume:
    """Make the version the resume's content again, saved as a new version (nothing is lost).
    Answers the resume."""
    version = queries.get_version(owner_of(request), version_id)
    services.restore(version=version, revision=payload.revision)
    return version.resume  # kept current by the service
