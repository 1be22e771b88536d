from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from coffeechat.conversations import queries as conversation_queries
from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest
from coffeechat.network import queries as network_queries
from coffeechat.network import services as network_services
from coffeechat.network.models import Organization
from coffeechat.occupations import queries as occupation_queries
from coffeechat.prep import queries as prep_queries
from coffeechat.strategy import (
    document,
    evidence_items,
    export,
    overview,
    queries,
    services,
    syntheses,
    themes,
)
from coffeechat.strategy.forms import (
    ActionForm,
    EmployerForm,
    MergeForm,
    ObstacleForm,
    OccupationChoiceForm,
    OptionForm,
    OptionStatusForm,
    RaiseForm,
    StatusForm,
    StrategyForm,
    SynthesisForm,
    TagForm,
    ThemeNameForm,
)
from coffeechat.strategy.models import TAG_HELP, Obstacle, Option, Tag, Theme


def _errors(error: ValidationError) -> str:
    return error_text(error)


def _back(request: AuthedRequest, default: str) -> HttpResponse:
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
    option_id = _int(request.GET.get("option"))
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


def _int(value: str | None) -> int | None:
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
                return HttpResponse(_errors(error), status=400)
            messages.error(request, _errors(error))
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
    return _back(request, reverse("strategy:evidence-list") + anchor)


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
    status = request.GET.get("status", Theme.Status.CONFIRMED)
    if status not in (Theme.Status.CONFIRMED, Theme.Status.DISMISSED):
        status = Theme.Status.CONFIRMED
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
        messages.error(request, _errors(error))
    else:
        messages.success(
            request,
            f"“{item.name}” "
            + ("dismissed: it won't come back." if dismissed else "is a theme again."),
        )
    return _back(request, reverse("strategy:themes"))


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
        messages.error(request, _errors(error))
        return redirect("strategy:theme", item.pk)
    messages.success(request, f"“{item.name}” now counts as part of “{into.name}”.")
    return redirect("strategy:theme", into.pk)


# Options ------------------------------------------------------------------------------------------


# /strategy/options/
@login_required
def options(request: AuthedRequest) -> HttpResponse:
    form = OptionForm(request.POST or None, occupation_fields=occupation_queries.release() is None)
    if request.method == "POST" and form.is_valid():
        try:
            option = services.add_option(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Added “{option.title}”.")
            return redirect("strategy:option", option.pk)
    rows = list(queries.options_for(request.user))
    counts = syntheses.conversations_by_option(request.user)
    return render(
        request,
        "strategy/options.html",
        {
            "form": form,
            "groups": [
                (status, label, [o for o in rows if o.status == status])
                for status, label in (
                    (Option.Status.FOCUS, "Focus"),
                    (Option.Status.EXPLORE, "Exploring"),
                    (Option.Status.DROP, "Dropped"),
                )
            ],
            "focus_note": queries.focus_note(sum(o.status == Option.Status.FOCUS for o in rows)),
            "counts": counts,
            "due": {d.option.pk for d in syntheses.syntheses_due(request.user)},
        },
        status=400 if form.errors else 200,
    )


# /strategy/options/<id>/
@login_required
def option(request: AuthedRequest, option_id: int) -> HttpResponse:
    item = queries.get_option(request.user, option_id)
    picker = queries.occupation_picker(item, limit=3)
    form = OptionForm(
        request.POST or None,
        initial={
            "title": item.title,
            "occupation_code": item.occupation_code,
            "occupation_title": item.occupation_title,
            "description": item.description,
            "status": item.status,
        },
        occupation_fields=picker.loaded is None,
    )
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        try:
            services.update_option(
                option=item, **{k: v for k, v in fields.items() if k != "status"}
            )
            services.set_option_status(option=item, status=fields["status"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Option saved.")
            return redirect("strategy:option", item.pk)
    search = request.GET.get("employer", "").strip()[:100]
    page, items = evidence_items.items_page(
        request.user, option_id=item.pk, page=request.GET.get("page", 1)
    )
    counts = syntheses.conversations_by_option(request.user, [item.pk])
    return render(
        request,
        "strategy/option.html",
        {
            "option": item,
            "form": form,
            "employers": item.organizations.order_by("name"),
            "employer_search": search,
            "employer_form": EmployerForm(),
            "suggested": queries.suggested_employers(request.user, item, search),
            "page": page,
            "items": items,
            "panel": evidence_items.tag_panel_for(request.user, [i.obj for i in items]),
            "conversations": counts.get(item.pk, 0),
            "due": any(d.option.pk == item.pk for d in syntheses.syntheses_due(request.user)),
            "syntheses": item.syntheses.all()[:10],
            "picker": picker,
        },
        status=400 if form.errors else 200,
    )


# /strategy/options/<id>/occupation/: search O*NET occupations (GET), link one (POST)
@login_required
def option_occupation(request: AuthedRequest, option_id: int) -> HttpResponse:
    item = queries.get_option(request.user, option_id)
    if request.method == "POST":
        form = OccupationChoiceForm(request.POST)
        if not form.is_valid():
            messages.error(request, "That isn't an O*NET-SOC code.")
        else:
            try:
                services.set_option_occupation(
                    option=item, occupation_code=form.cleaned_data["occupation_code"]
                )
            except ValidationError as error:
                messages.error(request, _errors(error))
            else:
                messages.success(
                    request,
                    f"“{item.title}” is about {item.occupation_title}."
                    if item.occupation_code
                    else f"“{item.title}” is no longer linked to an occupation.",
                )
        return redirect(reverse("strategy:option", args=[item.pk]) + "#occupation")
    # No ?q= at all: suggest occupations for the option's own title (until one is linked).
    picker = queries.occupation_picker(item, request.GET.get("q"))
    template = (
        "strategy/_occupation_matches.html" if request.htmx else "strategy/option_occupation.html"
    )
    return render(request, template, {"option": item, "picker": picker})


# /strategy/options/explore/: an occupation's page makes (or opens) the option for it
@login_required
@require_POST
def explore_occupation(request: AuthedRequest) -> HttpResponse:
    form = OccupationChoiceForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["occupation_code"]:
        messages.error(request, "That isn't an O*NET-SOC code.")
        return redirect("strategy:options")
    code = form.cleaned_data["occupation_code"]
    try:
        option, created = services.explore_occupation(owner=request.user, occupation_code=code)
    except ValidationError as error:
        messages.error(request, _errors(error))
        known = occupation_queries.occupation(code) is not None
        return redirect(
            reverse("occupations:occupation", args=[code]) + "#options"
            if known
            else reverse("strategy:options")
        )
    messages.success(
        request,
        f"Added “{option.title}” to your options: tag what people tell you to it."
        if created
        else f"You're already exploring this: “{option.title}”.",
    )
    return redirect("strategy:option", option.pk)


# /strategy/options/<id>/status/
@login_required
@require_POST
def option_status(request: AuthedRequest, option_id: int) -> HttpResponse:
    item = queries.get_option(request.user, option_id)
    form = OptionStatusForm(request.POST)
    if form.is_valid():
        services.set_option_status(option=item, status=form.cleaned_data["status"])
        messages.success(request, f"“{item.title}”: {item.get_status_display().lower()}.")
        note = queries.focus_note(queries.focus_count(request.user))
        if note:
            messages.warning(request, note)
    return _back(request, reverse("strategy:options"))


# /strategy/options/<id>/delete/
@login_required
@require_POST
def delete_option(request: AuthedRequest, option_id: int) -> HttpResponse:
    item = queries.get_option(request.user, option_id)
    services.delete_option(option=item)
    messages.success(request, f"Removed “{item.title}”; its evidence stays, untagged from it.")
    return redirect("strategy:options")


# /strategy/options/<id>/employers/
@login_required
@require_POST
def option_employer(request: AuthedRequest, option_id: int) -> HttpResponse:
    item = queries.get_option(request.user, option_id)
    current = list(item.organizations.values_list("pk", flat=True))
    organization_id = _int(request.POST.get("organization"))
    remove = request.POST.get("remove") == "1"
    organization: Organization | None
    if organization_id:
        organization = network_queries.get_organization(request.user, organization_id)
    else:
        form = EmployerForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Write the employer's name.")
            return redirect("strategy:option", item.pk)
        organization = network_services.organization_named(
            owner=request.user, name=form.cleaned_data["name"]
        )
    assert organization is not None
    ids = [pk for pk in current if pk != organization.pk] if remove else [*current, organization.pk]
    services.update_option(option=item, organization_ids=ids)
    messages.success(
        request, f"{organization} {'removed from' if remove else 'added to'} “{item.title}”."
    )
    return redirect(reverse("strategy:option", args=[item.pk]) + "#employers")


# /strategy/options/<id>/synthesis/
@login_required
def synthesis(request: AuthedRequest, option_id: int) -> HttpResponse:
    item = queries.get_option(request.user, option_id)
    proposal = syntheses.propose_synthesis(item)
    form = SynthesisForm(
        request.POST or None,
        initial={
            "likes": proposal.likes,
            "deal_breakers": proposal.deal_breakers,
            "gaps": proposal.gaps,
            "open_questions": proposal.open_questions,
            "next_prototype": proposal.next_prototype,
            "conversations_count": proposal.conversations,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_synthesis(
                option=item,
                conversations_count=form.cleaned_data["conversations_count"],
                **form.sections(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Synthesis kept.")
            return redirect(reverse("strategy:option", args=[item.pk]) + "#syntheses")
    return render(
        request,
        "strategy/synthesis.html",
        {"option": item, "proposal": proposal, "form": form},
        status=400 if form.errors else 200,
    )


# Obstacles ----------------------------------------------------------------------------------------


# /strategy/obstacles/
@login_required
def obstacles(request: AuthedRequest) -> HttpResponse:
    form = ObstacleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obstacle = services.add_obstacle(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Added “{obstacle.title}”. Add a next action with a date.")
            return redirect("strategy:obstacle", obstacle.pk)
    return render(
        request,
        "strategy/obstacles.html",
        {
            "form": form,
            "obstacles": queries.obstacles_for(request.user),
            "statuses": Obstacle.Status.choices,
            "today": timezone.localdate(),
        },
        status=400 if form.errors else 200,
    )


# /strategy/obstacles/<id>/
@login_required
def obstacle(request: AuthedRequest, obstacle_id: int) -> HttpResponse:
    item = queries.get_obstacle(request.user, obstacle_id)
    form = ObstacleForm(request.POST or None, initial={"title": item.title, "notes": item.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_obstacle(obstacle=item, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Obstacle saved.")
            return redirect("strategy:obstacle", item.pk)
    return _render_obstacle(request, item, form=form, status=400 if form.errors else 200)


def _render_obstacle(
    request: AuthedRequest,
    item: Obstacle,
    *,
    form: ObstacleForm | None = None,
    action_form: ActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "strategy/obstacle.html",
        {
            "detail": queries.obstacle_detail(item),
            "obstacle": item,
            "form": form or ObstacleForm(initial={"title": item.title, "notes": item.notes}),
            "action_form": action_form or ActionForm(),
            "statuses": Obstacle.Status.choices,
            "today": timezone.localdate(),
        },
        status=status,
    )


# /strategy/obstacles/<id>/status/
@login_required
@require_POST
def obstacle_status(request: AuthedRequest, obstacle_id: int) -> HttpResponse:
    item = queries.get_obstacle(request.user, obstacle_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.set_obstacle_status(obstacle=item, status=form.cleaned_data["status"])
        messages.success(request, f"“{item.title}”: {item.get_status_display().lower()}.")
    return _back(request, reverse("strategy:obstacle", args=[item.pk]))


# /strategy/obstacles/<id>/delete/
@login_required
@require_POST
def delete_obstacle(request: AuthedRequest, obstacle_id: int) -> HttpResponse:
    item = queries.get_obstacle(request.user, obstacle_id)
    services.delete_obstacle(obstacle=item)
    messages.success(request, f"Removed “{item.title}”.")
    return redirect("strategy:obstacles")


# /strategy/obstacles/<id>/actions/
@login_required
@require_POST
def add_action(request: AuthedRequest, obstacle_id: int) -> HttpResponse:
    item = queries.get_obstacle(request.user, obstacle_id)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.add_action(obstacle=item, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Action added.")
            return _back(request, reverse("strategy:obstacle", args=[item.pk]) + "#actions")
    return _render_obstacle(request, item, action_form=form, status=400)


# /strategy/obstacles/<id>/advice/<capture_id>/
@login_required
@require_POST
def link_advice(request: AuthedRequest, obstacle_id: int, capture_id: int) -> HttpResponse:
    item = queries.get_obstacle(request.user, obstacle_id)
    capture = prep_queries.get_capture(request.user, capture_id)
    linked = request.POST.get("linked", "1") == "1"
    services.link_advice(obstacle=item, capture=capture, linked=linked)
    messages.success(request, "Advice linked to the obstacle." if linked else "Advice unlinked.")
    return _back(request, reverse("strategy:obstacle", args=[item.pk]) + "#advice")


# /strategy/actions/<id>/
@login_required
@require_POST
def action(request: AuthedRequest, action_id: int) -> HttpResponse:
    item = queries.get_action(request.user, action_id)
    services.set_action_done(action=item, done=request.POST.get("done") == "1")
    return _back(request, reverse("strategy:obstacle", args=[item.obstacle_id]) + "#actions")


# /strategy/actions/<id>/delete/
@login_required
@require_POST
def delete_action(request: AuthedRequest, action_id: int) -> HttpResponse:
    item = queries.get_action(request.user, action_id)
    services.delete_action(action=item)
    messages.success(request, "Action removed.")
    return _back(request, reverse("strategy:obstacle", args=[item.obstacle_id]) + "#actions")


# The brief's obstacles panel ----------------------------------------------------------------------


def _brief(conversation_id: int) -> str:
    return reverse("prep:brief", args=[conversation_id]) + "#obstacles"


# /conversations/<id>/obstacles/
@login_required
@require_POST
def raise_new(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    form = RaiseForm(request.POST)
    if form.is_valid():
        try:
            item = services.raise_new(conversation=conversation, title=form.cleaned_data["title"])
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, f"“{item.title}” will be raised with {conversation.person}.")
    else:
        messages.error(request, "Write the obstacle first.")
    return redirect(_brief(conversation.pk))


# /conversations/<id>/obstacles/<obstacle_id>/raise/
@login_required
@require_POST
def raise_here(request: AuthedRequest, conversation_id: int, obstacle_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    item = queries.get_obstacle(request.user, obstacle_id)
    services.set_raised(
        conversation=conversation, obstacle=item, raised=request.POST.get("raised", "1") == "1"
    )
    return redirect(_brief(conversation.pk))


# /conversations/<id>/obstacles/<obstacle_id>/ask/
@login_required
@require_POST
def ask_about(request: AuthedRequest, conversation_id: int, obstacle_id: int) -> HttpResponse:
    conversation = conversation_queries.get_conversation(request.user, conversation_id)
    item = queries.get_obstacle(request.user, obstacle_id)
    try:
        services.ask_about(conversation=conversation, obstacle=item)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(_brief(conversation.pk))
    messages.success(request, f"A question about “{item.title}” is in your plan.")
    return redirect(reverse("prep:brief", args=[conversation.pk]) + "#plan")
