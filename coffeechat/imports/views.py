from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from coffeechat.imports import applying, queries, services, undoing, work
from coffeechat.imports.forms import DecisionsForm, MappingForm, UploadForm
from coffeechat.imports.models import ContactImport, ImportRow
from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest

Status, Outcome = ContactImport.Status, ImportRow.Outcome
PREVIEW_ROWS = 50
REJECTED_ROWS = 500
MATCHES_PER_PAGE = 50


# /imports/
@login_required
def imports(request: AuthedRequest) -> HttpResponse:
    page = Paginator(queries.imports_for(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "imports/imports.html", {"page": page})


# /imports/new/
@login_required
def new(request: AuthedRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            contact_import = work.start_upload(
                owner=request.user,
                filename=upload.name,
                data=upload.read(),
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if contact_import.status == Status.MAPPING:
                return redirect("imports:mapping", contact_import.pk)
            return redirect(contact_import)
    return render(request, "imports/new.html", {"form": form}, status=400 if form.is_bound else 200)


# /imports/<id>/
@login_required
def detail(request: AuthedRequest, import_id: int) -> HttpResponse:
    contact_import = work.check_alive(queries.get_import(request.user, import_id))
    if request.htmx and request.htmx.target == "progress":
        if not contact_import.is_working:  # finished: show the whole page it leads to
            return HttpResponseClientRefresh()
        return render(request, "imports/import.html#progress", {"import": contact_import})
    context: dict[str, object] = {"import": contact_import}
    if contact_import.status in (Status.PREVIEW, Status.DONE, Status.UNDONE):
        context |= _rows_context(contact_import)
    if contact_import.status == Status.DONE:
        context["found_count"] = queries.waiting_proposals_of(contact_import).count()
    return render(request, "imports/import.html", context)


def _rows_context(contact_import: ContactImport) -> dict[str, object]:
    duplicates = list(queries.rows_of(contact_import, Outcome.DUPLICATE)[:PREVIEW_ROWS])
    for row in duplicates:
        row.changes = (
            applying.merge_changes(row.match, row.contact, contact_import.connection)
            if row.match
            else {}
        )
    return {
        "warning_rows": queries.rows_with_warnings(contact_import)[:REJECTED_ROWS],
        "new_rows": queries.rows_of(contact_import, Outcome.NEW)[:PREVIEW_ROWS],
        "duplicate_rows": duplicates,
        "rejected_rows": queries.rows_of(contact_import, Outcome.REJECTED)[:REJECTED_ROWS],
        "preview_limit": PREVIEW_ROWS,
        "rejected_limit": REJECTED_ROWS,
    }


# /imports/<id>/columns/
@login_required
def mapping(request: AuthedRequest, import_id: int) -> HttpResponse:
    contact_import = queries.get_import(request.user, import_id)
    initial = {
        **{f: i for f, i in contact_import.mapping.items()},
        "connection": contact_import.connection,
    }
    form = MappingForm(
        request.POST or None, header=services.header_of(contact_import), initial=initial
    )
    can_map = contact_import.kind == ContactImport.Kind.CSV and contact_import.status in (
        Status.MAPPING,
        Status.PREVIEW,
        Status.FAILED,
    )
    if request.method == "POST" and can_map and form.is_valid():
        try:
            services.set_mapping(
                contact_import=contact_import,
                mapping=form.mapping(),
                connection=form.cleaned_data["connection"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            services.start_analysis(contact_import=contact_import)
            return redirect(contact_import)
    return render(
        request,
        "imports/mapping.html",
        {"import": contact_import, "form": form, "can_map": can_map},
    )


# /imports/<id>/matches/
@login_required
def matches(request: AuthedRequest, import_id: int) -> HttpResponse:
    contact_import = queries.get_import(request.user, import_id)
    rows = queries.rows_of(contact_import, Outcome.UNCERTAIN, Outcome.DUPLICATE).order_by(
        "-outcome", "line"
    )  # uncertain before sure duplicates
    page = Paginator(rows, MATCHES_PER_PAGE).get_page(request.GET.get("page"))
    form = DecisionsForm(request.POST or None, rows=list(page.object_list))
    editable = contact_import.status == Status.PREVIEW
    if request.method == "POST" and editable and form.is_valid():
        services.decide(contact_import=contact_import, decisions=form.decisions())
        messages.success(request, "Choices saved.")
        if page.has_next() and "next" in request.POST:
            return redirect(f"{request.path}?page={page.next_page_number()}")
        return redirect(contact_import)
    return render(
        request,
        "imports/matches.html",
        {"import": contact_import, "form": form, "page": page, "editable": editable},
    )


# /imports/<id>/apply/
@login_required
@require_POST
def confirm(request: AuthedRequest, import_id: int) -> HttpResponse:
    contact_import = queries.get_import(request.user, import_id)
    try:
        contact_import = applying.start_import(contact_import=contact_import)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if contact_import.status == Status.DONE:
            messages.success(request, f"Imported {contact_import.filename}.")
    return redirect(contact_import)


# /imports/<id>/undo/
@login_required
def undo(request: AuthedRequest, import_id: int) -> HttpResponse:
    """GET: what undoing will remove, keep and restore, and a button to confirm (a plain form:
    no JavaScript needed). POST: undo it."""
    contact_import = queries.get_import(request.user, import_id)
    if request.method != "POST":
        try:
            preview, problem = undoing.undo_preview(contact_import=contact_import), ""
        except ValidationError as error:  # not applied, or already undone: say so, offer none
            preview, problem = None, " ".join(error.messages)
        return render(
            request,
            "imports/undo.html",
            {"import": contact_import, "preview": preview, "problem": problem},
        )
    try:
        undone = undoing.undo(contact_import=contact_import)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        text = (
            f"Undone: removed {undone.removed} people and restored {undone.restored} merged ones."
        )
        if undone.kept:
            text += (
                f" Kept {len(undone.kept)} you have worked with since: "
                + ", ".join(str(p) for p in undone.kept[:10])
                + "."
            )
        messages.success(request, text)
    return redirect(contact_import)


# /imports/<id>/retry/
@login_required
@require_POST
def retry(request: AuthedRequest, import_id: int) -> HttpResponse:
    contact_import = queries.get_import(request.user, import_id)
    try:
        contact_import = work.retry(contact_import=contact_import)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if contact_import.status == Status.DONE:
            messages.success(request, f"Imported {contact_import.filename}.")
    return redirect(contact_import)


# /imports/<id>/discard/
@login_required
@require_POST
def discard(request: AuthedRequest, import_id: int) -> HttpResponse:
    contact_import = queries.get_import(request.user, import_id)
    try:
        services.discard(contact_import=contact_import)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(contact_import)
    messages.success(request, f"Discarded {contact_import.filename}; nothing was imported.")
    return redirect("imports:imports")
