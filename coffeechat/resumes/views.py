from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest
from coffeechat.resumes import (
    compare,
    downloads,
    from_profile,
    queries,
    services,
)
from coffeechat.resumes import document as doc
from coffeechat.resumes.forms import (
    DownloadForm,
    ImportForm,
    SettingsForm,
    TailorForm,
    VersionLabelForm,
)
from coffeechat.resumes.models import Resume, Suggestion, Version

VERSIONS_PER_PAGE = 20


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
        messages.error(request, error_text(error))
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
        messages.error(request, error_text(error))
    else:
        if made.overflow:
            messages.warning(request, downloads.overflow_message(item) or "The PDF runs long.")
        else:
            messages.success(
                request, f"The PDF fits: {made.pages} page{'' if made.pages == 1 else 's'}."
            )
    return redirect(reverse("resumes:resume", args=[item.pk]) + "#downloads")


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
        messages.error(request, error_text(error))
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
