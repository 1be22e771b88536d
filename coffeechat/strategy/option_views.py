"""The options pages: each option of the strategy, its occupation and employers, its
synthesis (method.md 11.5)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest
from coffeechat.network import queries as network_queries
from coffeechat.network import services as network_services
from coffeechat.network.models import Organization
from coffeechat.occupations import queries as occupation_queries
from coffeechat.strategy import (
    evidence_items,
    queries,
    services,
    syntheses,
)
from coffeechat.strategy.forms import (
    EmployerForm,
    OccupationChoiceForm,
    OptionForm,
    OptionStatusForm,
    SynthesisForm,
)
from coffeechat.strategy.models import Option
from coffeechat.strategy.views import back, int_or_none


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
        try:
            services.update_option(option=item, **form.cleaned_data)
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
                messages.error(request, error_text(error))
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
        messages.error(request, error_text(error))
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
    return back(request, reverse("strategy:options"))


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
    organization_id = int_or_none(request.POST.get("organization"))
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
