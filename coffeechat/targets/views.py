from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest, safe_next
from coffeechat.network import queries as network_queries
from coffeechat.targets import contacts, paste, queries, services
from coffeechat.targets.forms import (
    MOTIVATION_OPTIONS,
    POSTING_OPTIONS,
    SCORE_FIELD,
    AskForm,
    PasteForm,
    PickForm,
    StatusForm,
    TargetForm,
    scores_from,
)
from coffeechat.targets.models import Target

PAGE_SIZE = 50  # 40 employers (RULE-L1) fit on one page to rate in one go
PICK_PAGE_SIZE = 25
REPORT_KEY = "targets_paste_report"


def _say(request: AuthedRequest, change: services.BatchChange) -> None:
    for text in change.messages:
        messages.info(request, text)


def _errors(error: ValidationError) -> str:
    return error_text(error)


# /targets/
@login_required
def targets(request: AuthedRequest) -> HttpResponse:
    page = Paginator(queries.targets_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    batch = queries.batch_ids(request.user)
    return render(
        request,
        "targets/targets.html",
        {
            "page": page,
            "rows": queries.with_states(page.object_list, batch),
            "counts": queries.counts_for(request.user),
            "rerate": queries.rerate_due(request.user),
            "report": request.session.pop(REPORT_KEY, None),
            "motivation_options": MOTIVATION_OPTIONS,
            "posting_options": POSTING_OPTIONS,
            **_batch_context(request),
        },
    )


def _batch_context(
    request: AuthedRequest, change: services.BatchChange | None = None
) -> dict[str, Any]:
    batch = queries.batch_for(request.user)
    return {
        "points": contacts.starting_points(request.user, batch),
        "change": change,
        "function_terms": contacts.function_terms(request.user),
    }


# /targets/ratings/
@login_required
@require_POST
def ratings(request: AuthedRequest) -> HttpResponse:
    """Save Motivation/Posting: one radio group at a time (htmx), or the whole table (Save)."""
    scores, problems = scores_from(request.POST)
    change, error = services.BatchChange(), " ".join(dict.fromkeys(problems))
    if not error and scores:
        try:
            with services.watching_batch(request.user) as change:
                services.rate_many(
                    owner=request.user, ratings=scores, confirm=bool(request.POST.get("confirm"))
                )
        except ValidationError as exc:
            error = _errors(exc)
    if request.htmx:
        # One radio group at a time: answer that row, even when its value was refused.
        target_id = next((int(m[2]) for m in map(SCORE_FIELD.match, request.POST) if m), 0)
        return render(
            request,
            "targets/_rated.html",
            {
                "target_id": target_id,
                "error": error or ("" if scores else "Nothing to save."),
                **_batch_context(request, change),
            },
        )
    if error:
        messages.error(request, error)
    elif scores:
        messages.success(request, _rated_message(request, scores))
        _say(request, change)
    return redirect(safe_next(request) or reverse("targets:targets"))


def _rated_message(request: AuthedRequest, scores: dict[int, dict[str, int | None]]) -> str:
    if len(scores) == 1 and "motivation" in next(iter(scores.values())):
        [(pk, saved)] = scores.items()
        target = queries.get_target(request.user, pk)
        return f"Motivation for {target}: {saved['motivation'] or 'not rated'}."
    return "Ratings saved. The list is sorted again."


# /targets/add/
@login_required
def add(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "targets/add.html",
        {
            "form": PasteForm(),
            "counts": queries.counts_for(request.user),
            "known": queries.organizations_to_pick(request.user).filter(  # type: ignore[misc]
                on_list=False
            )[:5],
        },
    )  # on_list: annotated by organizations_to_pick


# /targets/add/paste/
@login_required
@require_POST
def paste_names(request: AuthedRequest) -> HttpResponse:
    """Check the pasted names; add them at once when none needs a choice, else show the plan."""
    form = PasteForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "targets/add.html",
            {"form": form, "counts": queries.counts_for(request.user)},
            status=400,
        )
    text, source = form.cleaned_data["names"], form.cleaned_data["source"]
    plan = paste.plan_paste(request.user, text)
    if not plan.lines and not plan.refused:
        form.add_error("names", "Paste at least one employer name, one per line.")
        return render(
            request,
            "targets/add.html",
            {"form": form, "counts": queries.counts_for(request.user)},
            status=400,
        )
    choices = {
        int(k.removeprefix("line-")): request.POST.get(k) or ""
        for k in request.POST
        if k.startswith("line-") and k.removeprefix("line-").isdigit()
    }
    # Choices are by line number: they only count for the very text they were made on.
    confirming = bool(request.POST.get("confirm")) and request.POST.get(
        "checked"
    ) == paste.fingerprint(text)
    for line in plan.of_kind(paste.Kind.NEAR):
        line.chosen = choices.get(line.number, "")
    missing = {line.number for line in services.choices_needed(plan, choices)}
    if plan.is_usable and not missing and (confirming or not plan.of_kind(paste.Kind.NEAR)):
        try:
            with services.watching_batch(request.user) as change:
                outcomes = services.add_from_paste(
                    owner=request.user, text=text, source=source, choices=choices
                )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            added = sum(o.added for o in outcomes)
            request.session[REPORT_KEY] = [o.__dict__ for o in outcomes]
            messages.success(
                request, f"Added {added} employer{'s' if added != 1 else ''} to your list."
            )
            _say(request, change)
            return redirect("targets:targets")
    return render(
        request,
        "targets/paste.html",
        {
            "form": form,
            "plan": plan,
            "checked": paste.fingerprint(text),
            "source_label": Target.Source(source).label,
            "Kind": paste.Kind,
            "missing": missing if confirming else set(),
        },
        status=200 if plan.is_usable else 400,
    )


# /targets/add/network/
@login_required
def pick(request: AuthedRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    query_string = urlencode({"q": search}) if search else ""
    if request.method == "POST":
        form = PickForm(request.POST)
        if form.is_valid():
            try:
                with services.watching_batch(request.user) as change:
                    done = services.add_organizations(
                        owner=request.user,
                        organization_ids=form.cleaned_data["organization"],
                        source=form.cleaned_data["source"],
                    )
            except ValidationError as error:
                messages.error(request, _errors(error))
            else:
                _picked_messages(request, done)
                _say(request, change)
        else:
            messages.error(request, "Tick at least one organization to add.")
        back = reverse("targets:pick")
        page_number = request.POST.get("page", "")
        params = "&".join(
            p for p in (query_string, f"page={page_number}" if page_number.isdigit() else "") if p
        )
        return redirect(f"{back}?{params}" if params else back)
    page = Paginator(
        queries.organizations_to_pick(request.user, search=search), PICK_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "targets/pick.html",
        {
            "page": page,
            "search": search,
            "query_string": query_string,
            "form": PickForm(),
            "counts": queries.counts_for(request.user),
        },
    )


def _picked_messages(request: AuthedRequest, done: services.Added) -> None:
    if done.added:
        names = ", ".join(t.organization.name for t in done.added)
        messages.success(request, f"Added {len(done.added)} to your list: {names}.")
    if done.already:
        messages.info(request, f"Already on your list: {', '.join(done.already)}.")


# /targets/<id>/
@login_required
def target(request: AuthedRequest, target_id: int) -> HttpResponse:
    found = queries.get_target(request.user, target_id)
    form = TargetForm(
        request.POST or None,
        instance=found,
        initial={"motivation": found.motivation, "posting": found.posting},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                with services.watching_batch(request.user) as change, transaction.atomic():
                    services.rate(
                        target=found,
                        motivation=form.cleaned_data["motivation"],
                        posting=form.cleaned_data["posting"],
                    )
                    services.update_target(
                        target=found, **{k: form.cleaned_data[k] for k in services.TARGET_FIELDS}
                    )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, f"{found} saved.")
                _say(request, change)
                return redirect(found)
        return _render_target(
            request, queries.get_target(request.user, target_id), form, status=400
        )
    return _render_target(request, found, form)


def _render_target(
    request: AuthedRequest, found: Target, form: TargetForm, status: int = 200
) -> HttpResponse:
    batch = queries.batch_ids(request.user)
    [found] = queries.with_states([found], batch)
    return render(
        request,
        "targets/target.html",
        {
            "target": found,
            "form": form,
            "point": contacts.starting_point(request.user, found),
            "function_terms": contacts.function_terms(request.user),
            "place": batch.index(found.pk) + 1 if found.pk in batch else None,
            "outcomes": Target.Outcome.choices,
        },
        status=status,
    )


# /targets/<id>/status/
@login_required
@require_POST
def status(request: AuthedRequest, target_id: int) -> HttpResponse:
    found = queries.get_target(request.user, target_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a state.")
        return redirect(found)
    try:
        with services.watching_batch(request.user) as change:
            services.change_status(target=found, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, f"{found}: {found.status_label.lower()}.")
        _say(request, change)
    return redirect(safe_next(request) or found.get_absolute_url())


# /targets/<id>/remove/
@login_required
@require_POST
def remove(request: AuthedRequest, target_id: int) -> HttpResponse:
    found = queries.get_target(request.user, target_id)
    with services.watching_batch(request.user) as change:
        name = services.remove_target(target=found)
    messages.success(
        request, f"{name} is off your list (the organization and its people stay in your network)."
    )
    _say(request, change)
    return redirect("targets:targets")


# /targets/<id>/ask/
@login_required
@require_POST
def ask(request: AuthedRequest, target_id: int) -> HttpResponse:
    """Start (or reopen) the request to the chosen person and open the composer with a draft."""
    found = queries.get_target(request.user, target_id)
    form = AskForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whom to ask.")
        return redirect(found)
    person = network_queries.get_person(request.user, form.cleaned_data["person"])
    try:
        conversation = services.ask(owner=request.user, target=found, person=person)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(safe_next(request) or found.get_absolute_url())
    return redirect(f"{reverse('outreach:compose', args=[conversation.pk])}?kind=request")


# /organizations/<id>/target/
@login_required
@require_POST
def add_organization(request: AuthedRequest, organization_id: int) -> HttpResponse:
    organization = network_queries.get_organization(request.user, organization_id)
    source = request.POST.get("source", Target.Source.OTHER)
    if source not in Target.Source.values:
        source = Target.Source.OTHER
    try:
        with services.watching_batch(request.user) as change:
            added = services.add_target(
                owner=request.user, organization=organization, source=source
            )
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(organization)
    messages.success(request, f"{organization} is on your target list: rate it to place it.")
    _say(request, change)
    return redirect(added)
