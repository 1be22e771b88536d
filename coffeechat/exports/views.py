from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coffeechat.accounts import audit
from coffeechat.accounts.models import User
from coffeechat.exports import formats, importing, queries, services
from coffeechat.exports.forms import DeleteAccountForm, ImportForm
from coffeechat.lib.forms import add_errors
from coffeechat.lib.http import AuthedRequest
from coffeechat.network import queries as network_queries


def _download(content: str | bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# /settings/data/
@login_required
def your_data(request: AuthedRequest) -> HttpResponse:
    services.purge_expired_exports()
    return render(
        request, "exports/your_data.html", {"exports": queries.exports_for(request.user)[:5]}
    )


# /settings/data/export/
@login_required
@require_POST
def start_export(request: AuthedRequest) -> HttpResponse:
    export = services.request_export(owner=request.user)
    audit.record(user=request.user, kind=audit.Kind.EXPORT, detail="Account zip requested")
    return redirect("exports:export", export_id=export.pk)


# /settings/data/exports/<id>/
@login_required
def export(request: AuthedRequest, export_id: int) -> HttpResponse:
    export = queries.get_export(request.user, export_id)
    template = "exports/export.html#status" if request.htmx else "exports/export.html"
    return render(request, template, {"export": export})


# /settings/data/exports/<id>/download/
@login_required
def download_export(request: AuthedRequest, export_id: int) -> FileResponse:
    export = queries.get_export(request.user, export_id)
    if not export.file or (export.expires_at and export.expires_at <= timezone.now()):
        raise Http404("This export is not ready, or has expired.")
    name = f"coffeechat-export-{export.created_at:%Y-%m-%d}.zip"
    audit.record(user=request.user, kind=audit.Kind.EXPORT, detail="Account zip downloaded")
    return FileResponse(
        export.file.open("rb"), as_attachment=True, filename=name, content_type="application/zip"
    )


# /settings/data/import/
@login_required
def import_account(request: AuthedRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["archive"]
        try:
            account_import = importing.request_import(
                owner=request.user, upload=upload, size=upload.size
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("exports:account-import", import_id=account_import.pk)
    return render(
        request, "exports/import.html", {"form": form}, status=400 if form.errors else 200
    )


# /settings/data/imports/<id>/
@login_required
def account_import(request: AuthedRequest, import_id: int) -> HttpResponse:
    account_import = queries.get_account_import(request.user, import_id)
    importing.give_up_if_dead(account_import)
    template = (
        "exports/account_import.html#status" if request.htmx else "exports/account_import.html"
    )
    return render(request, template, {"import": account_import})


# /settings/data/delete/
@login_required
def delete_account(request: AuthedRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = User.objects.get(pk=request.user.pk)
        logout(request)
        services.delete_account(user=user)
        messages.success(request, "Your account and everything in it are deleted.")
        return redirect("conversations:home")
    return render(
        request, "exports/delete_account.html", {"form": form}, status=400 if form.errors else 200
    )


# /export/people.csv, /export/people.vcf, /export/meetings.ics
@login_required
def people_csv(request: AuthedRequest) -> HttpResponse:
    people = queries.people_for_export(request.user)
    audit.record(user=request.user, kind=audit.Kind.EXPORT, detail="People downloaded (CSV)")
    return _download(
        formats.csv_text(formats.PEOPLE_HEADER, formats.people_rows(people)),
        "coffeechat-people.csv",
        "text/csv; charset=utf-8",
    )


@login_required
def people_vcf(request: AuthedRequest) -> HttpResponse:
    people = queries.people_for_export(request.user)
    audit.record(user=request.user, kind=audit.Kind.EXPORT, detail="People downloaded (vCard)")
    return _download(
        formats.vcards(people, host=services.site_host()),
        "coffeechat-people.vcf",
        "text/vcard; charset=utf-8",
    )


@login_required
def meetings_ics(request: AuthedRequest) -> HttpResponse:
    ics = formats.meetings_ics(
        queries.meetings_for_export(request.user),
        host=services.site_host(),
        zone=request.user.time_zone,
        now=timezone.now(),
    )
    audit.record(user=request.user, kind=audit.Kind.EXPORT, detail="Meetings downloaded (ICS)")
    return _download(ics, "coffeechat-meetings.ics", "text/calendar; charset=utf-8")


# /people/<id>/vcard/
@login_required
def person_vcf(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = queries.get_person_for_export(request.user, person_id)
    return _download(
        formats.vcard(person, host=services.site_host()),
        f"person-{person.pk}.vcf",
        "text/vcard; charset=utf-8",
    )


# /people/<id>/forget/
@login_required
def forget_person(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = network_queries.get_person(request.user, person_id)
    if request.method == "POST":
        name = person.full_name
        services.forget_person(person=person)
        messages.success(request, f"{name} is forgotten: everything about them is deleted.")
        return redirect("network:people")
    return render(
        request,
        "exports/forget_person.html",
        {"person": person, "doomed": queries.about_person(person)},
    )
