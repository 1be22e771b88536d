"""The resume editor's pages: the editor, and what its forms post to (basics, entries,
bullets, hiding, moving) and the lint of one resume."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest
from coffeechat.resumes import document as doc
from coffeechat.resumes import (
    editing,
    entries,
    lint,
    queries,
    sections,
    services,
)
from coffeechat.resumes.forms import (
    BasicsForm,
    BulletForm,
    EntryForm,
    LocationForm,
)
from coffeechat.resumes.models import Resume


def revision_of(request: AuthedRequest) -> int | None:
    """The document revision the form was made from (a stale page is refused)."""
    value = request.POST.get("revision", "")
    return int(value) if value.isdigit() else None


def section_or_404(key: str) -> sections.Section:
    """The section named in the URL; 404 for a name the document doesn't have."""
    if key not in sections.SECTION:
        raise Http404("No such section")
    return sections.SECTION[key]


# /resumes/<id>/edit/
@login_required
def edit(request: AuthedRequest, resume_id: int) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    anchor = request.GET.get("at", "")
    return _render_editor(
        request, item, anchor=anchor if re.fullmatch(r"[\w-]{1,40}", anchor) else ""
    )


def _render_editor(
    request: AuthedRequest, item: Resume, *, bound: dict[Any, Any] | None = None, anchor: str = ""
) -> HttpResponse:
    bound = bound or {}
    document = doc.loads(item.document)
    basics = doc.object_at(document, "basics")
    context: dict[str, Any] = {
        "resume": item,
        "preview": doc.printable(document),
        "basics_form": bound.get("basics") or BasicsForm(basics=basics),
        "location_form": bound.get("location") or LocationForm(location=basics.get("location")),
        "sections": [_section_context(document, spec, bound) for spec in sections.SECTIONS],
        "finding_count": 0,
        "anchor": anchor,
    }
    context["finding_count"] = sum(
        len(b["findings"]) for s in context["sections"] for e in s["entries"] for b in e["bullets"]
    )
    status = 200 if not bound or request.htmx else 400
    return render(request, "resumes/edit.html", context, status=status)


def _section_context(
    document: dict[str, Any], spec: sections.Section, bound: dict[Any, Any]
) -> dict[str, Any]:
    rows = []
    for index, entry in enumerate(entries.entries(document, spec)):
        pointer = f"{spec.pointer}/{index}"
        rows.append(
            {
                "index": index,
                "label": spec.label(entry),
                "entry": entry,
                "hidden": doc.is_hidden(document, pointer),
                "current": entries.is_current(entry),
                "form": bound.get((spec.key, index))
                or EntryForm(section=spec, entry=entry, prefix=f"{spec.key}-{index}"),
                "bullets": _bullets_context(document, spec, index, entry, bound),
                "bullet_form": bound.get((spec.key, index, "new")),
            }
        )
    return {
        "spec": spec,
        "entries": rows,
        "add_form": bound.get((spec.key, "new"))
        or EntryForm(section=spec, prefix=f"{spec.key}-new"),
        "open": (spec.key, "new") in bound,
    }


def _bullets_context(
    document: dict[str, Any], spec: sections.Section, index: int, entry: Any, bound: dict[Any, Any]
) -> list[dict[str, Any]]:
    if not spec.bullets or not isinstance(entry, dict):
        return []
    texts = doc.list_at(entry, "highlights")
    current = entries.is_current(entry)
    shown: list[str] = []
    result = []
    for number, text in enumerate(texts):
        text = text if isinstance(text, str) else str(text)
        hidden = doc.is_hidden(document, f"{spec.pointer}/{index}/highlights/{number}")
        findings = [] if hidden else lint.lint_bullet(text, current=current, earlier=shown)
        if not hidden:
            shown.append(text)
        result.append(
            {
                "index": number,
                "text": text,
                "hidden": hidden,
                "findings": findings,
                "form": bound.get((spec.key, index, number)),
            }
        )
    return result


def _done(request: AuthedRequest, item: Resume, message: str, anchor: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(_editor_url(item, anchor))


def _editor_url(item: Resume, anchor: str) -> str:
    # The anchor also rides in the query: htmx follows the redirect without the fragment, and
    # the editor moves focus back to where the user was (resume_editor.js).
    return reverse("resumes:edit", args=[item.pk]) + f"?at={anchor}#{anchor}"


def _failed(
    request: AuthedRequest, item: Resume, error: ValidationError, anchor: str
) -> HttpResponse:
    messages.error(request, error_text(error))
    return redirect(_editor_url(item, anchor))


# /resumes/<id>/basics/
@login_required
@require_POST
def basics(request: AuthedRequest, resume_id: int) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    form, location = BasicsForm(request.POST), LocationForm(request.POST)
    if form.is_valid() and location.is_valid():
        try:
            editing.update_basics(
                resume=item,
                values=form.values(),
                location=location.values(),
                revision=revision_of(request),
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _failed(request, item, error, "basics")
            add_errors(form, error)
        else:
            return _done(request, item, "Saved.", "basics")
    return _render_editor(
        request, item, bound={"basics": form, "location": location}, anchor="basics"
    )


# /resumes/<id>/sections/<section>/
@login_required
@require_POST
def add_entry(request: AuthedRequest, resume_id: int, section: str) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    spec = section_or_404(section)
    form = EntryForm(request.POST, section=spec, prefix=f"{spec.key}-new")
    if form.is_valid():
        try:
            editing.save_entry(
                resume=item, section=spec.key, values=form.values(), revision=revision_of(request)
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                if error.messages == [services.STALE]:
                    return _failed(request, item, error, spec.key)
                form.add_error(None, error)
            else:
                add_errors(form, error)
        else:
            count = len(entries.entries(doc.loads(item.document), spec))
            return _done(request, item, f"Added to {spec.title}.", f"{spec.key}-{count - 1}")
    return _render_editor(request, item, bound={(spec.key, "new"): form}, anchor=spec.key)


# /resumes/<id>/sections/<section>/<index>/
@login_required
@require_POST
def entry(request: AuthedRequest, resume_id: int, section: str, index: int) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    spec = section_or_404(section)
    form = EntryForm(request.POST, section=spec, prefix=f"{spec.key}-{index}")
    anchor = f"{spec.key}-{index}"
    if form.is_valid():
        try:
            editing.save_entry(
                resume=item,
                section=spec.key,
                index=index,
                values=form.values(),
                revision=revision_of(request),
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _failed(request, item, error, anchor)
            add_errors(form, error)
        else:
            return _done(request, item, "Saved.", anchor)
    return _render_editor(request, item, bound={(spec.key, index): form}, anchor=anchor)


def _entry_action(
    request: AuthedRequest,
    resume_id: int,
    section: str,
    index: int,
    action: str,
    bullet: int | None = None,
) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    spec = section_or_404(section)
    anchor = f"{spec.key}-{index}" + (f"-{bullet}" if bullet is not None else "")
    common: dict[str, Any] = {
        "resume": item,
        "section": spec.key,
        "index": index,
        "revision": revision_of(request),
    }
    direction = request.POST.get("direction", "")
    try:
        if action == "move" and bullet is None:
            editing.move_entry(direction=direction, **common)
            message = f"Moved {direction}."
            anchor = f"{spec.key}-{index + (1 if direction == 'down' else -1)}"
        elif action == "move":
            assert bullet is not None
            editing.move_bullet(bullet=bullet, direction=direction, **common)
            message = f"Moved {direction}."
            anchor = f"{spec.key}-{index}-{bullet + (1 if direction == 'down' else -1)}"
        elif action == "hide":
            hidden = request.POST.get("hidden") == "1"
            editing.set_hidden(bullet=bullet, hidden=hidden, **common)
            message = (
                "Hidden: it stays here but won't print." if hidden else "Shown again: it prints."
            )
        elif action == "delete" and bullet is None:
            editing.delete_entry(**common)
            message, anchor = "Removed.", spec.key
        else:
            assert bullet is not None
            editing.delete_bullet(bullet=bullet, **common)
            message, anchor = "Bullet removed.", f"{spec.key}-{index}"
    except ValidationError as error:
        return _failed(request, item, error, anchor)
    return _done(request, item, message, anchor)


# /resumes/<id>/sections/<section>/<index>/move/
@login_required
@require_POST
def move_entry(request: AuthedRequest, resume_id: int, section: str, index: int) -> HttpResponse:
    return _entry_action(request, resume_id, section, index, "move")


# /resumes/<id>/sections/<section>/<index>/hide/
@login_required
@require_POST
def hide_entry(request: AuthedRequest, resume_id: int, section: str, index: int) -> HttpResponse:
    return _entry_action(request, resume_id, section, index, "hide")


# /resumes/<id>/sections/<section>/<index>/delete/
@login_required
@require_POST
def delete_entry(request: AuthedRequest, resume_id: int, section: str, index: int) -> HttpResponse:
    return _entry_action(request, resume_id, section, index, "delete")


# /resumes/<id>/sections/<section>/<index>/bullets/
@login_required
@require_POST
def add_bullet(request: AuthedRequest, resume_id: int, section: str, index: int) -> HttpResponse:
    return _save_bullet(request, resume_id, section, index, None)


# /resumes/<id>/sections/<section>/<index>/bullets/<bullet>/
@login_required
@require_POST
def bullet(
    request: AuthedRequest, resume_id: int, section: str, index: int, bullet: int
) -> HttpResponse:
    return _save_bullet(request, resume_id, section, index, bullet)


def _save_bullet(
    request: AuthedRequest, resume_id: int, section: str, index: int, number: int | None
) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    spec = section_or_404(section)
    form = BulletForm(request.POST)
    key = (spec.key, index, "new" if number is None else number)
    if form.is_valid():
        try:
            editing.save_bullet(
                resume=item,
                section=spec.key,
                index=index,
                bullet=number,
                text=form.cleaned_data["text"],
                revision=revision_of(request),
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _failed(request, item, error, f"{spec.key}-{index}")
            add_errors(form, error)
        else:
            bullets = entries.entries(doc.loads(item.document), spec)[index].get("highlights", [])
            position = len(bullets) - 1 if number is None else number
            return _done(request, item, "Bullet saved.", f"{spec.key}-{index}-{position}")
    return _render_editor(request, item, bound={key: form}, anchor=f"{spec.key}-{index}")


# /resumes/<id>/sections/<section>/<index>/bullets/<bullet>/move/
@login_required
@require_POST
def move_bullet(
    request: AuthedRequest, resume_id: int, section: str, index: int, bullet: int
) -> HttpResponse:
    return _entry_action(request, resume_id, section, index, "move", bullet)


# /resumes/<id>/sections/<section>/<index>/bullets/<bullet>/hide/
@login_required
@require_POST
def hide_bullet(
    request: AuthedRequest, resume_id: int, section: str, index: int, bullet: int
) -> HttpResponse:
    return _entry_action(request, resume_id, section, index, "hide", bullet)


# /resumes/<id>/sections/<section>/<index>/bullets/<bullet>/delete/
@login_required
@require_POST
def delete_bullet(
    request: AuthedRequest, resume_id: int, section: str, index: int, bullet: int
) -> HttpResponse:
    return _entry_action(request, resume_id, section, index, "delete", bullet)


# /resumes/<id>/lint/
@login_required
@require_POST
def lint_view(request: AuthedRequest, resume_id: int) -> HttpResponse:
    """The findings for a bullet as it is typed (htmx), in the context of its entry."""
    item = queries.get_resume(request.user, resume_id)
    document = doc.loads(item.document)
    spec = sections.SECTION.get(request.POST.get("section", ""))
    text = request.POST.get("text", "")[:2000]
    current, earlier = False, []
    index = request.POST.get("index", "")
    number = request.POST.get("bullet", "")
    if spec is not None and index.isdigit() and int(index) < len(entries.entries(document, spec)):
        entry = entries.entries(document, spec)[int(index)]
        current = entries.is_current(entry)
        texts = entry.get("highlights", []) if isinstance(entry, dict) else []
        stop = int(number) if number.isdigit() else len(texts)
        earlier = [
            t
            for n, t in enumerate(texts[:stop])
            if isinstance(t, str)
            and not doc.is_hidden(document, f"{spec.pointer}/{index}/highlights/{n}")
        ]
    return render(
        request,
        "resumes/edit.html#findings",
        {
            "findings": lint.lint_bullet(text, current=current, earlier=earlier),
            "text": text,
            "checked": True,
        },
    )
