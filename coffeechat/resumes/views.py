from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from coffeechat.conversations import queries as conversation_queries
from coffeechat.conversations.models import Conversation
from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest
from coffeechat.resumes import (
    compare,
    critique,
    downloads,
    editing,
    from_profile,
    lint,
    queries,
    services,
)
from coffeechat.resumes import document as doc
from coffeechat.resumes.forms import (
    AddressForm,
    BasicsForm,
    BulletForm,
    DeclineForm,
    DownloadForm,
    EntryForm,
    ImportForm,
    LocationForm,
    SettingsForm,
    SuggestionsForm,
    TailorForm,
    VersionLabelForm,
)
from coffeechat.resumes.models import Resume, Suggestion, Version

VERSIONS_PER_PAGE = 20


def _errors(error: ValidationError) -> str:
    return error_text(error)


def _revision(request: AuthedRequest) -> int | None:
    value = request.POST.get("revision", "")
    return int(value) if value.isdigit() else None


def _section(key: str) -> doc.Section:
    if key not in doc.SECTION:
        raise Http404("No such section")
    return doc.SECTION[key]


# The list, creating and importing ---------------------------------------------------------------


# /resumes/
@login_required
def resume_list(request: AuthedRequest) -> HttpResponse:
    resumes = list(queries.resumes_for(request.user))
    return render(
        request,
        "resumes/list.html",
        {
            "resumes": resumes,
            "import_form": ImportForm(),
            "open_count": sum(r.open_count for r in resumes),  # type: ignore[attr-defined]
            "has_profile": bool(from_profile.profile_document(request.user).keys() - {"basics"}),
        },
    )


# /resumes/new/
@login_required
@require_POST
def new(request: AuthedRequest) -> HttpResponse:
    name = request.POST.get("name", "")
    if request.POST.get("source") == "blank":
        basics = {
            k: v
            for k, v in (("name", request.user.display_name), ("email", request.user.email))
            if v
        }
        resume = services.create_resume(
            owner=request.user,
            name=name or "My resume",
            document={"basics": basics},
            change="Started empty",
        )
    else:
        resume = from_profile.build_from_profile(owner=request.user, name=name)
    messages.success(request, f"“{resume.name}” is ready: check each bullet in the editor.")
    return redirect("resumes:edit", resume.pk)


# /resumes/import/
@login_required
def import_resume(request: AuthedRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[doc.Problem] = []
    if request.method == "POST" and form.is_valid():
        raw, filename = form.raw()
        try:
            resume = services.import_resume(
                owner=request.user, raw=raw, filename=filename, name=form.cleaned_data["name"]
            )
        except doc.InvalidResume as error:
            problems = error.problems
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Imported “{resume.name}”.")
            return redirect(resume)
    status = 400 if (problems or form.errors) else 200
    return render(
        request, "resumes/import.html", {"form": form, "problems": problems}, status=status
    )


# One resume -------------------------------------------------------------------------------------


# /resumes/<id>/
@login_required
def resume(request: AuthedRequest, resume_id: int) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    return _render_resume(request, item)


def _render_resume(
    request: AuthedRequest, item: Resume, *, status: int = 200, **forms: Any
) -> HttpResponse:
    document = doc.loads(item.document)
    versions = list(queries.versions_of(item)[:5])
    organizations = list(
        queries.organizations_for(request.user).values_list("name", flat=True)[:500]
    )
    context = {
        "resume": item,
        "preview": doc.printable(document),
        "versions": versions,
        "latest": versions[0] if versions else None,
        "open": list(queries.suggestions_of(item, status=Suggestion.Status.OPEN)),
        "resolved": list(
            queries.suggestions_of(item)
            .exclude(status=Suggestion.Status.OPEN)
            .order_by("-resolved_at")[:10]
        ),
        "tailored": list(item.tailored.all()),
        "tailor_form": forms.get("tailor_form") or TailorForm(),
        "settings_form": forms.get("settings_form")
        or SettingsForm(
            initial={
                "name": item.name,
                "template": item.template,
                "paper": item.paper,
                "max_pages": item.max_pages,
                "target_role": item.target_role,
                "organization_name": item.target_organization.name
                if item.target_organization
                else "",
            }
        ),
        "organizations": organizations,
        "overflow": downloads.overflow_message(item),
        "paper": downloads.paper_for(item, request.user),
        "formats": downloads.FORMAT_LABELS,
        "templates": Resume._meta.get_field("template").choices,
        "hidden_count": len(doc.hidden_of(document)),
        # The renderer's own notes (a glyph the font lacks...); its overflow line is left out
        # because the overflow notice above says it with the way out.
        "warnings": [w for w in item.checked_warnings.splitlines() if w and " runs to " not in w]
        if item.checked_revision == item.revision
        else [],
    }
    return render(request, "resumes/resume.html", context, status=status)


# /resumes/<id>/settings/
@login_required
@require_POST
def settings(request: AuthedRequest, resume_id: int) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    form = SettingsForm(request.POST)
    if form.is_valid():
        try:
            services.update_settings(resume=item, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(item)
    item.refresh_from_db()
    return _render_resume(request, item, settings_form=form, status=400)


# /resumes/<id>/tailor/
@login_required
@require_POST
def tailor(request: AuthedRequest, resume_id: int) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    form = TailorForm(request.POST)
    if form.is_valid():
        try:
            tailored = services.tailor(resume=item, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"“{tailored.name}” is a copy to tailor: change what this "
                "role or employer cares about.",
            )
            return redirect("resumes:edit", tailored.pk)
    return _render_resume(request, item, tailor_form=form, status=400)


# /resumes/<id>/delete/
@login_required
def delete(request: AuthedRequest, resume_id: int) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    if request.method == "POST":
        name = item.name
        services.delete_resume(resume=item)
        messages.success(request, f"Deleted “{name}” with its versions and suggestions.")
        return redirect("resumes:list")
    return render(
        request,
        "resumes/delete.html",
        {
            "resume": item,
            "versions": item.versions.count(),
            "suggestions": item.suggestions.count(),
        },
    )


# /resumes/<id>/download/<format>/
@login_required
def download(request: AuthedRequest, resume_id: int, format: str) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    if format not in downloads.FORMATS:
        raise Http404("No such format")
    form = DownloadForm(request.GET)
    chosen = form.cleaned_data if form.is_valid() else {}
    try:
        made = downloads.make(
            item,
            format=format,
            user=request.user,
            template=chosen.get("template", ""),
            paper=chosen.get("paper", ""),
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(item)
    response = HttpResponse(made.content, content_type=made.media_type)
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    return response


# /resumes/<id>/check/
@login_required
@require_POST
def check(request: AuthedRequest, resume_id: int) -> HttpResponse:
    """Render the PDF to see how long it runs, before downloading it."""
    item = queries.get_resume(request.user, resume_id)
    try:
        made = downloads.make(
            item,
            format="pdf",
            user=request.user,
            template=request.POST.get("template", ""),
            paper=request.POST.get("paper", ""),
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        if made.overflow:
            messages.warning(request, downloads.overflow_message(item) or "The PDF runs long.")
        else:
            messages.success(
                request, f"The PDF fits: {made.pages} page{'' if made.pages == 1 else 's'}."
            )
    return redirect(reverse("resumes:resume", args=[item.pk]) + "#downloads")


# The editor -------------------------------------------------------------------------------------


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
        "sections": [_section_context(document, spec, bound) for spec in doc.SECTIONS],
        "finding_count": 0,
        "anchor": anchor,
    }
    context["finding_count"] = sum(
        len(b["findings"]) for s in context["sections"] for e in s["entries"] for b in e["bullets"]
    )
    status = 200 if not bound or request.htmx else 400
    return render(request, "resumes/edit.html", context, status=status)


def _section_context(
    document: dict[str, Any], spec: doc.Section, bound: dict[Any, Any]
) -> dict[str, Any]:
    entries = []
    for index, entry in enumerate(doc.entries(document, spec)):
        pointer = f"{spec.pointer}/{index}"
        entries.append(
            {
                "index": index,
                "label": spec.label(entry),
                "entry": entry,
                "hidden": doc.is_hidden(document, pointer),
                "current": doc.is_current(entry),
                "form": bound.get((spec.key, index))
                or EntryForm(section=spec, entry=entry, prefix=f"{spec.key}-{index}"),
                "bullets": _bullets_context(document, spec, index, entry, bound),
                "bullet_form": bound.get((spec.key, index, "new")),
            }
        )
    return {
        "spec": spec,
        "entries": entries,
        "add_form": bound.get((spec.key, "new"))
        or EntryForm(section=spec, prefix=f"{spec.key}-new"),
        "open": (spec.key, "new") in bound,
    }


def _bullets_context(
    document: dict[str, Any], spec: doc.Section, index: int, entry: Any, bound: dict[Any, Any]
) -> list[dict[str, Any]]:
    if not spec.bullets or not isinstance(entry, dict):
        return []
    texts = doc.list_at(entry, "highlights")
    current = doc.is_current(entry)
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
    messages.error(request, _errors(error))
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
                revision=_revision(request),
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
    spec = _section(section)
    form = EntryForm(request.POST, section=spec, prefix=f"{spec.key}-new")
    if form.is_valid():
        try:
            editing.save_entry(
                resume=item, section=spec.key, values=form.values(), revision=_revision(request)
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                if error.messages == [services.STALE]:
                    return _failed(request, item, error, spec.key)
                form.add_error(None, error)
            else:
                add_errors(form, error)
        else:
            count = len(doc.entries(doc.loads(item.document), spec))
            return _done(request, item, f"Added to {spec.title}.", f"{spec.key}-{count - 1}")
    return _render_editor(request, item, bound={(spec.key, "new"): form}, anchor=spec.key)


# /resumes/<id>/sections/<section>/<index>/
@login_required
@require_POST
def entry(request: AuthedRequest, resume_id: int, section: str, index: int) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    spec = _section(section)
    form = EntryForm(request.POST, section=spec, prefix=f"{spec.key}-{index}")
    anchor = f"{spec.key}-{index}"
    if form.is_valid():
        try:
            editing.save_entry(
                resume=item,
                section=spec.key,
                index=index,
                values=form.values(),
                revision=_revision(request),
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
    spec = _section(section)
    anchor = f"{spec.key}-{index}" + (f"-{bullet}" if bullet is not None else "")
    common: dict[str, Any] = {
        "resume": item,
        "section": spec.key,
        "index": index,
        "revision": _revision(request),
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
    spec = _section(section)
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
                revision=_revision(request),
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _failed(request, item, error, f"{spec.key}-{index}")
            add_errors(form, error)
        else:
            bullets = doc.entries(doc.loads(item.document), spec)[index].get("highlights", [])
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
    spec = doc.SECTION.get(request.POST.get("section", ""))
    text = request.POST.get("text", "")[:2000]
    current, earlier = False, []
    index = request.POST.get("index", "")
    number = request.POST.get("bullet", "")
    if spec is not None and index.isdigit() and int(index) < len(doc.entries(document, spec)):
        entry = doc.entries(document, spec)[int(index)]
        current = doc.is_current(entry)
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


# Versions ---------------------------------------------------------------------------------------


# /resumes/<id>/versions/
@login_required
def versions(request: AuthedRequest, resume_id: int) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    page = Paginator(queries.versions_of(item), VERSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "resumes/versions.html", {"resume": item, "page": page})


# /resumes/versions/<id>/
@login_required
def version(request: AuthedRequest, version_id: int) -> HttpResponse:
    found = queries.get_version(request.user, version_id)
    form = VersionLabelForm(request.POST or None, initial={"label": found.label})
    if request.method == "POST" and form.is_valid():
        services.name_version(version=found, label=form.cleaned_data["label"])
        messages.success(request, "Saved." if found.label else "Name removed.")
        return redirect(found)
    previous = (
        Version.objects.filter(owner=request.user, resume=found.resume, number__lt=found.number)
        .order_by("-number")
        .only("pk", "number")
        .first()
    )
    return render(
        request,
        "resumes/version.html",
        {
            "version": found,
            "resume": found.resume,
            "form": form,
            "previous": previous,
            "preview": doc.printable(doc.loads(found.document)),
            "current": found.revision == found.resume.revision,
        },
        status=400 if form.errors else 200,
    )


# /resumes/versions/<id>/restore/
@login_required
@require_POST
def restore(request: AuthedRequest, version_id: int) -> HttpResponse:
    found = queries.get_version(request.user, version_id)
    try:
        new_version = services.restore(version=found)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(found)
    messages.success(
        request,
        f"Version {found.number} is the current content again (saved as "
        f"version {new_version.number}; nothing was lost).",
    )
    return redirect(found.resume)


# /resumes/<id>/compare/?a=<version>&b=<version>
@login_required
def compare_view(request: AuthedRequest, resume_id: int) -> HttpResponse:
    item = queries.get_resume(request.user, resume_id)
    numbers = list(queries.versions_of(item).values_list("number", "pk", "label")[:500])
    by_pk = {pk: number for number, pk, _ in numbers}
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    newest = numbers[0][1] if numbers else None
    older = numbers[1][1] if len(numbers) > 1 else newest
    a_pk = int(a) if a.isdigit() and int(a) in by_pk else older
    b_pk = int(b) if b.isdigit() and int(b) in by_pk else newest
    old = queries.get_version(request.user, a_pk) if a_pk else None
    new = queries.get_version(request.user, b_pk) if b_pk else None
    sections = (
        compare.compare(doc.loads(old.document), doc.loads(new.document)) if old and new else []
    )
    return render(
        request,
        "resumes/compare.html",
        {
            "resume": item,
            "old": old,
            "new": new,
            "sections": sections,
            "change_count": compare.count(sections),
            "choices": numbers,
        },
    )


# The critique loop ------------------------------------------------------------------------------


def _back(request: AuthedRequest, fallback: str) -> str:
    """Where the form came from (a page of ours), else `fallback`: never another site."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# /resumes/suggestions/<id>/address/
@login_required
@require_POST
def address(request: AuthedRequest, suggestion_id: int) -> HttpResponse:
    suggestion = queries.get_suggestion(request.user, suggestion_id)
    form = AddressForm(request.POST)
    if form.is_valid():
        version_found = Version.objects.filter(
            owner=request.user, resume=suggestion.resume, number=form.cleaned_data["version"]
        ).first()
        try:
            if version_found is None:
                raise ValidationError(
                    f"{suggestion.resume} has no version {form.cleaned_data['version']}."
                )
            critique.address(
                suggestion=suggestion, version=version_found, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, f"Marked addressed in version {version_found.number}.")
    else:
        messages.error(request, "Pick the version that takes the suggestion in.")
    return redirect(_back(request, suggestion.resume.get_absolute_url() + "#suggestions"))


# /resumes/suggestions/<id>/decline/
@login_required
@require_POST
def decline(request: AuthedRequest, suggestion_id: int) -> HttpResponse:
    suggestion = queries.get_suggestion(request.user, suggestion_id)
    form = DeclineForm(request.POST)
    if form.is_valid():
        critique.decline(suggestion=suggestion, reason=form.cleaned_data["reason"])
        messages.success(request, "Declined, with your reason.")
    else:
        messages.error(request, "Say why, in a few words: it helps when you report back.")
    return redirect(_back(request, suggestion.resume.get_absolute_url() + "#suggestions"))


# /resumes/suggestions/<id>/reopen/
@login_required
@require_POST
def reopen(request: AuthedRequest, suggestion_id: int) -> HttpResponse:
    suggestion = queries.get_suggestion(request.user, suggestion_id)
    critique.reopen(suggestion=suggestion)
    messages.success(request, "Open again.")
    return redirect(_back(request, suggestion.resume.get_absolute_url() + "#suggestions"))


def _conversation(request: AuthedRequest, conversation_id: int) -> Conversation:
    return conversation_queries.get_conversation(request.user, conversation_id)


# /conversations/<id>/resume/
@login_required
@require_POST
def handout(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    value = request.POST.get("resume", "")
    chosen = (
        Resume.objects.filter(owner=request.user, pk=int(value)).first()
        if value.isdigit()
        else None
    )
    if chosen is None:
        messages.error(request, "Pick one of your resumes.")
    else:
        found = critique.choose_handout(conversation=conversation, resume=chosen)
        number = found.version.number if found.version else 1
        messages.success(request, f"You'll bring “{chosen}”, version {number}.")
    return redirect(_back(request, reverse("prep:brief", args=[conversation.pk])) + "#resume")


# /conversations/<id>/resume/handed-over/
@login_required
@require_POST
def handed_over(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    given = request.POST.get("handed_over") == "1"
    try:
        critique.set_handed_over(conversation=conversation, handed_over=given)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, "Noted: they have a copy." if given else "Noted: you kept it.")
    return redirect(_back(request, reverse("prep:live", args=[conversation.pk])) + "#resume")


# /conversations/<id>/resume/suggestions/
@login_required
@require_POST
def add_suggestions(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    form = SuggestionsForm(request.POST)
    fallback = reverse("prep:live", args=[conversation.pk])
    if not form.is_valid():
        messages.error(request, "Write at least one suggestion, one per line.")
        return redirect(_back(request, fallback) + "#resume")
    value = request.POST.get("resume", "")
    chosen = (
        Resume.objects.filter(owner=request.user, pk=int(value)).first()
        if value.isdigit()
        else None
    )
    try:
        made = critique.add_suggestions(
            conversation=conversation,
            resume=chosen,
            texts=critique.split_suggestions(form.cleaned_data["text"]),
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request,
            f"Added {len(made)} suggestion{'' if len(made) == 1 else 's'} to “{made[0].resume}”.",
        )
    return redirect(_back(request, fallback) + "#resume")
