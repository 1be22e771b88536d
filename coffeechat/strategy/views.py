from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest
from coffeechat.prep import queries as prep_queries
from coffeechat.strategy import (
    document,
    evidence_items,
    export,
    overview,
    queries,
    services,
    themes,
)
from coffeechat.strategy.forms import (
    MergeForm,
    StrategyForm,
    TagForm,
    ThemeNameForm,
)
from coffeechat.strategy.models import TAG_HELP, Tag, Theme


def back(request: AuthedRequest, default: str) -> HttpResponse:
    """Back to the page the form was on (only this site's pages), else `default`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


# The strategy document ----------------------------------------------------------------------------


# /strategy/
@login_required
def strategy(request: AuthedRequest) -> HttpResponse:
    form = StrategyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.save_strategy(owner=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Saved as version {version.number}.")
            return redirect("strategy:strategy")
    return _render_strategy(request, form, status=400 if form.errors else 200)


def _render_strategy(
    request: AuthedRequest, form: StrategyForm | None, status: int = 200
) -> HttpResponse:
    page = overview.strategy_page(request.user)
    if form is None or not form.is_bound:
        form = StrategyForm(
            initial={"body": page.version.body if page.version else export.starter(page)}
        )
    search = request.GET.get("find", "").strip()[:100]
    return render(
        request,
        "strategy/strategy.html",
        {
            "page": page,
            "form": form,
            "find": search,
            "picker": evidence_items.recent_evidence(request.user, search),
            "editing": request.GET.get("edit") == "1" or form.is_bound or page.version is None,
        },
        status=status,
    )


# /strategy/versions/
@login_required
def versions(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "strategy/versions.html",
        {"versions": overview.versions_for(request.user, request.GET.get("page", 1))},
    )


# /strategy/versions/<id>/
@login_required
def version(request: AuthedRequest, version_id: int) -> HttpResponse:
    item = queries.get_version(request.user, version_id)
    refs = document.load_references(request.user, item.body)
    return render(
        request,
        "strategy/version.html",
        {"version": item, "blocks": document.blocks(item.body, refs), "references": refs},
    )


# /strategy/versions/<id>/restore/
@login_required
@require_POST
def restore(request: AuthedRequest, version_id: int) -> HttpResponse:
    item = queries.get_version(request.user, version_id)
    restored = services.restore_version(version=item)
    messages.success(request, f"Version {item.number} restored as version {restored.number}.")
    return redirect("strategy:strategy")


# /strategy/versions/<id>/strategy.pdf
@login_required
def strategy_pdf(request: AuthedRequest, version_id: int) -> HttpResponse:
    item = queries.get_version(request.user, version_id)
    response = HttpResponse(
        export.as_pdf(request.user, version=item), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{export.filename(item, "pdf")}"'
    return response


# /strategy/versions/<id>/strategy.md
@login_required
def strategy_markdown(request: AuthedRequest, version_id: int) -> HttpResponse:
    item = queries.get_version(request.user, version_id)
    response = HttpResponse(
        export.as_markdown(request.user, version=item), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{export.filename(item, "md")}"'
    return response


# Evidence -----------------------------------------------------------------------------------------


# /strategy/evidence/
@login_required
def evidence_list(request: AuthedRequest) -> HttpResponse:
    tag = request.GET.get("tag", "")
    option_id = int_or_none(request.GET.get("option"))
    search = request.GET.get("q", "").strip()[:100]
    page, items = evidence_items.items_page(
        request.user, page=request.GET.get("page", 1), search=search, tag=tag, option_id=option_id
    )
    return render(
        request,
        "strategy/evidence.html",
        {
            "page": page,
            "items": items,
            "panel": evidence_items.tag_panel_for(request.user, [i.obj for i in items]),
            "tag": tag,
            "option_id": option_id,
            "q": search,
            "tags": Tag.choices,
            "options": queries.panel_options(request.user),
        },
    )


def int_or_none(value: str | None) -> int | None:
    """The number a query parameter holds, or None for none or a bad one."""
    try:
        return int(value) if value else None
    except ValueError:
        return None


# /strategy/evidence/<id>/
@login_required
def evidence(request: AuthedRequest, evidence_id: int) -> HttpResponse:
    item = queries.get_evidence(request.user, evidence_id)
    return render(
        request,
        "strategy/_evidence_card.html",
        {
            "evidence": item,
            "quote": document.quote(item),
            "base": "strategy/_bare.html" if request.htmx else "base.html",
        },
    )


def _tag(request: AuthedRequest, item: Any, anchor: str) -> HttpResponse:
    form = TagForm(request.POST)
    option = None
    if form.is_valid():
        option_id = form.cleaned_data["option"]
        if option_id:
            option = queries.get_option(request.user, option_id)
        try:
            services.tag_item(item=item, tag=form.chosen_tag(), option=option)
        except ValidationError as error:
            if request.htmx:
                return HttpResponse(error_text(error), status=400)
            messages.error(request, error_text(error))
    else:
        if request.htmx:
            return HttpResponse("Choose one of the tags.", status=400)
        messages.error(request, "Choose one of the tags.")
    if request.htmx:
        panel = evidence_items.tag_panel_for(request.user, [item])
        return render(
            request,
            "strategy/_tagger.html",
            {
                "item": item,
                "key": evidence_items.item_key(item),
                "evidence": panel.by_item.get(evidence_items.item_key(item)),
                "options": panel.options,
                "tags": Tag.choices,
                "help": TAG_HELP,
                "next": request.POST.get("next", ""),
                "saved": True,
            },
        )
    return back(request, reverse("strategy:evidence-list") + anchor)


# /captures/<id>/tag/
@login_required
@require_POST
def tag_capture(request: AuthedRequest, capture_id: int) -> HttpResponse:
    return _tag(request, prep_queries.get_capture(request.user, capture_id), "")


# /questions/<id>/tag/
@login_required
@require_POST
def tag_question(request: AuthedRequest, question_id: int) -> HttpResponse:
    return _tag(request, prep_queries.get_question(request.user, question_id), "")


# /notes/<id>/tag/
@login_required
@require_POST
def tag_note(request: AuthedRequest, note_id: int) -> HttpResponse:
    return _tag(request, queries.get_note(request.user, note_id), "")


# Themes -------------------------------------------------------------------------------------------


# /strategy/themes/
@login_required
def theme_list(request: AuthedRequest) -> HttpResponse:
    waiting = themes.refresh(request.user)
    # A member, not the string asked for: the page asks `status.is_dismissed`.
    status = (
        Theme.Status.DISMISSED
        if request.GET.get("status") == Theme.Status.DISMISSED
        else Theme.Status.CONFIRMED
    )
    kind = request.GET.get("kind", "")
    kind = kind if kind in Theme.Kind.values else ""
    page, rows = queries.themes_page(
        request.user, page=request.GET.get("page", 1), status=status, kind=kind
    )
    return render(
        request,
        "strategy/themes.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "kind": kind,
            "kinds": Theme.Kind.choices,
            "counts": queries.theme_counts(request.user),
            "waiting": waiting,
        },
    )


# /strategy/themes/<id>/
@login_required
def theme(request: AuthedRequest, theme_id: int) -> HttpResponse:
    item = queries.get_theme(request.user, theme_id)
    form = ThemeNameForm(request.POST or None, initial={"name": item.custom_label})
    if request.method == "POST" and form.is_valid():
        services.rename_theme(theme=item, name=form.cleaned_data["name"])
        messages.success(request, f"Renamed to “{item.name}”.")
        return redirect("strategy:theme", item.pk)
    return render(
        request,
        "strategy/theme.html",
        {
            "theme": item,
            "form": form,
            "mentions": queries.theme_mentions(request.user, item, request.GET.get("page", 1)),
            "targets": queries.merge_targets(request.user, item),
        },
        status=400 if form.errors else 200,
    )


# /strategy/themes/<id>/dismiss/
@login_required
@require_POST
def dismiss_theme(request: AuthedRequest, theme_id: int) -> HttpResponse:
    item = queries.get_theme(request.user, theme_id)
    dismissed = request.POST.get("dismissed", "1") == "1"
    try:
        services.dismiss_theme(theme=item, dismissed=dismissed)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            f"“{item.name}” "
            + ("dismissed: it won't come back." if dismissed else "is a theme again."),
        )
    return back(request, reverse("strategy:themes"))


# /strategy/themes/<id>/merge/
@login_required
@require_POST
def merge_theme(request: AuthedRequest, theme_id: int) -> HttpResponse:
    item = queries.get_theme(request.user, theme_id)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose the theme to merge it into.")
        return redirect("strategy:theme", item.pk)
    into = queries.get_theme(request.user, form.cleaned_data["into"])
    try:
        services.merge_themes(theme=item, into=into)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("strategy:theme", item.pk)
    messages.success(request, f"“{item.name}” now counts as part of “{into.name}”.")
    return redirect("strategy:theme", into.pk)
