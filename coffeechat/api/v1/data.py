"""Contact imports (upload, preview, apply, undo, progress) and account exports
(coffeechat.imports, .exports): the same steps as People → Import and Settings → Your data."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import FileResponse, Http404, HttpRequest
from django.utils import timezone
from ninja import File, Form, Path, Router, Schema
from ninja.decorators import decorate_view
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import Field

from coffeechat.api.v1.common import (
    MAX_ID,
    MAX_PAGE,
    Page,
    Text20,
    Text40,
    Text200,
    answers,
    idempotent,
    owner_of,
    page_of,
    with_etag,
)
from coffeechat.exports import queries as export_queries
from coffeechat.exports import services as export_services
from coffeechat.exports.models import AccountExport
from coffeechat.imports import applying, queries, services, undoing, work
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.imports.services import MAX_UPLOAD_BYTES

router = Router()

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Limit = Annotated[int, Field(ge=1, le=MAX_PAGE, description="Items per page (1-100).")]
ImportKind = ContactImport.Kind


class ImportOut(Schema):
    id: int
    filename: str
    kind: str
    status: str = Field(
        description="mapping, analysing, preview, importing, done, failed, undone or discarded"
    )
    error: str
    progress_percent: int
    rows_total: int
    rows_checked: int
    new_count: int
    duplicate_count: int
    uncertain_count: int
    rejected_count: int
    created_count: int
    merged_count: int
    skipped_count: int
    created_at: datetime
    updated_at: datetime


class ImportsPage(Page):
    items: list[ImportOut]


class ImportRowOut(Schema):
    id: int
    line: int
    outcome: str
    decision: str
    reason: str = Field(description="Why a rejected row can't be imported.")
    contact: dict[str, Any]
    match_id: int | None
    match_reason: str
    result: str
    person_id: int | None


class ImportRowsPage(Page):
    items: list[ImportRowOut]


class MappingIn(Schema):
    mapping: dict[Text40, Annotated[int, Field(ge=0, le=500, strict=True)]] = Field(
        description='coffeechat field -> column number (0 first), e.g. {"full_name": 0}.',
        max_length=40,
    )
    connection: Text20 = "cold"


class DecisionsIn(Schema):
    decisions: dict[
        Annotated[int, Field(ge=1, le=MAX_ID)], Literal["merge", "separate", "skip"]
    ] = Field(
        description="Row id -> what to do with a duplicate or uncertain match.", max_length=500
    )


class DecidedOut(Schema):
    changed: int


class UndoneOut(Schema):
    removed: int
    restored: int
    kept: list[int] = Field(description="People kept because you worked with them since.")


def _import(request: HttpRequest, import_id: int) -> ContactImport:
    return queries.get_import(owner_of(request), import_id)


# /api/v1/imports
@router.get("/imports", response=answers(ImportsPage), tags=["imports"])
@decorate_view(with_etag)
def list_imports(
    request: HttpRequest, cursor: Text200 | None = None, limit: Limit = 20
) -> dict[str, Any]:
    return page_of(queries.imports_for(owner_of(request)), cursor, limit)


@router.post("/imports", response=answers(ImportOut, 201), tags=["imports"])
@decorate_view(idempotent)
def upload(
    request: HttpRequest, file: File[UploadedFile], kind: Form[ImportKind | Literal[""]] = ""
) -> Status[ContactImport]:
    """Upload a contacts file (LinkedIn zip or CSV, Google or Outlook CSV, vCard, any CSV;
    20 MB at most). It is checked in the background: poll GET /imports/{id} until `preview`
    (a plain CSV waits in `mapping` for POST /imports/{id}/mapping)."""
    data = file.read(MAX_UPLOAD_BYTES + 1)  # one byte more: the service words the refusal
    contact_import = work.start_upload(
        owner=owner_of(request), filename=file.name or "", data=data, kind=kind
    )
    return Status(201, contact_import)


@router.get("/imports/{import_id}", response=answers(ImportOut), tags=["imports"])
@decorate_view(with_etag)
def get_import(request: HttpRequest, import_id: Id) -> ContactImport:
    """Status and counts; poll it with If-None-Match for a cheap 304 while nothing moved."""
    return _import(request, import_id)


@router.get("/imports/{import_id}/rows", response=answers(ImportRowsPage), tags=["imports"])
@decorate_view(with_etag)
def preview_rows(
    request: HttpRequest,
    import_id: Id,
    outcome: ImportRow.Outcome | None = None,
    cursor: Text200 | None = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """The preview: each row of the file, new, duplicate, uncertain or rejected (and why)."""
    rows = queries.rows_of(_import(request, import_id), *([outcome] if outcome else []))
    return page_of(rows, cursor, limit)


@router.post("/imports/{import_id}/mapping", response=answers(ImportOut), tags=["imports"])
def set_mapping(request: HttpRequest, import_id: Id, payload: MappingIn) -> ContactImport:
    """For a plain CSV: which column holds what; then the file is checked again."""
    contact_import = _import(request, import_id)
    services.set_mapping(
        contact_import=contact_import, mapping=payload.mapping, connection=payload.connection
    )
    return services.start_analysis(contact_import=contact_import)


@router.post("/imports/{import_id}/decisions", response=answers(DecidedOut), tags=["imports"])
def decide(request: HttpRequest, import_id: Id, payload: DecisionsIn) -> dict[str, int]:
    """Merge, keep separate or skip duplicates and uncertain matches before applying."""
    decisions: dict[int, str] = dict(payload.decisions)
    return {
        "changed": services.decide(contact_import=_import(request, import_id), decisions=decisions)
    }


@router.post("/imports/{import_id}/apply", response=answers(ImportOut), tags=["imports"])
def apply(request: HttpRequest, import_id: Id) -> ContactImport:
    """Import it, all or nothing (a large file in the background: poll its status)."""
    return applying.start_import(contact_import=_import(request, import_id))


@router.post("/imports/{import_id}/undo", response=answers(UndoneOut), tags=["imports"])
def undo(request: HttpRequest, import_id: Id) -> dict[str, Any]:
    """Take a finished import back; people you have worked with since are kept."""
    undone = undoing.undo(contact_import=_import(request, import_id))
    return {
        "removed": undone.removed,
        "restored": undone.restored,
        "kept": [person.pk for person in undone.kept],
    }


@router.post("/imports/{import_id}/discard", response=answers(ImportOut), tags=["imports"])
def discard(request: HttpRequest, import_id: Id) -> ContactImport:
    return services.discard(contact_import=_import(request, import_id))


# Exports -------------------------------------------------------------------------------------


class ExportOut(Schema):
    id: int
    status: str = Field(description="pending, running, ready or failed")
    size: int
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime | None = Field(description="The zip is deleted then (an hour).")


# /api/v1/exports
@router.post("/exports", response=answers(ExportOut, 201), tags=["exports"])
@decorate_view(idempotent)
def start_export(request: HttpRequest) -> Status[AccountExport]:
    """Build a zip of your whole account in the background (one at a time)."""
    return Status(201, export_services.request_export(owner=owner_of(request)))


@router.get("/exports/{export_id}", response=answers(ExportOut), tags=["exports"])
@decorate_view(with_etag)
def get_export(request: HttpRequest, export_id: Id) -> AccountExport:
    return export_queries.get_export(owner_of(request), export_id)


@router.get(
    "/exports/{export_id}/download",
    tags=["exports"],
    response=answers(None),
    openapi_extra={
        "responses": {
            200: {
                "description": "The zip",
                "content": {
                    "application/zip": {
                        "schema": {"type": "string", "contentMediaType": "application/zip"}
                    }
                },
            }
        }
    },
)
def download_export(request: HttpRequest, export_id: Id) -> FileResponse:
    export = export_queries.get_export(owner_of(request), export_id)
    if not export.file or (export.expires_at and export.expires_at <= timezone.now()):
        raise Http404
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        content_type="application/zip",
        filename=f"coffeechat-export-{export.created_at:%Y-%m-%d}.zip",
    )
