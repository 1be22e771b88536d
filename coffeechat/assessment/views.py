from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coffeechat.assessment import inventory, panels, queries, services, values
from coffeechat.assessment.forms import (
    ChooseValuesForm,
    MoveForm,
    OwnValueForm,
    TalentForm,
    posted_answers,
)
from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest


def _errors(error: ValidationError) -> str:
    return error_text(error)


# /you/assessment/
@login_required
def overview(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "assessment/overview.html",
        {
            "assessment": panels.assessment_panel(request.user),
            "history": queries.history_of(request.user),
        },
    )


# The interest inventory ------------------------------------------------------------------------


def _blocks(answers: dict[str, int], missing: set[str]) -> list[list[dict[str, Any]]]:
    """The items in asking order, six to a block, with the answer each has so far."""
    rows = [
        {"number": n, "item": item, "answer": answers.get(item.key), "missing": item.key in missing}
        for n, item in enumerate(inventory.ITEMS, start=1)
    ]
    return [rows[start : start + 6] for start in range(0, len(rows), 6)]


def _render_inventory(
    request: AuthedRequest,
    answers: dict[str, int],
    *,
    missing: list[inventory.Item] | None = None,
    status: int = 200,
) -> HttpResponse:
    missing = missing or []
    number = {item.key: n for n, item in enumerate(inventory.ITEMS, start=1)}
    return render(
        request,
        "assessment/interests.html",
        {
            "blocks": _blocks(answers, {item.key for item in missing}),
            "scale": inventory.SCALE,
            "answered": sum(1 for key in answers if key in inventory.BY_KEY),
            "total": len(inventory.ITEMS),
            "missing": [(number[item.key], item) for item in missing],
            "latest": queries.latest_result(request.user),
            "has_draft": bool(answers),
            # Resume where they left off: the first activity without an answer.
            "first_open": next(
                ((number[item.key], item) for item in inventory.ITEMS if item.key not in answers),
                None,
            ),
        },
        status=status,
    )


def _saved_status(request: AuthedRequest, answered: int, status: int = 200) -> HttpResponse:
    return render(
        request,
        "assessment/interests.html#status",
        {"answered": answered, "total": len(inventory.ITEMS), "saved": True},
        status=status,
    )


# /you/assessment/interests/
@login_required
def interests(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        draft = queries.draft_of(request.user)
        return _render_inventory(request, draft.answers if draft else {})
    answers = posted_answers(request.POST)
    try:
        draft = services.save_answers(owner=request.user, answers=answers) if answers else None
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(f"Not saved: {_errors(error)}", status=400)
        messages.error(request, _errors(error))
        return redirect("assessment:interests")
    saved = draft.answers if draft else (getattr(queries.draft_of(request.user), "answers", {}))
    if request.htmx:
        return _saved_status(request, len(saved))
    if request.POST.get("action") != "submit":
        messages.success(
            request,
            f"Saved: {len(saved)} of {len(inventory.ITEMS)} answered. "
            "Come back any time to finish.",
        )
        return redirect("assessment:overview")
    try:
        result = services.complete_inventory(owner=request.user)
    except services.IncompleteInventory as error:
        return _render_inventory(request, saved, missing=error.missing, status=400)
    return redirect("assessment:result", result.pk)


# /you/assessment/interests/discard/
@login_required
@require_POST
def discard(request: AuthedRequest) -> HttpResponse:
    if services.discard_draft(owner=request.user):
        messages.success(request, "Your unfinished answers are gone. Your results stay.")
    return redirect("assessment:overview")


# /you/assessment/interests/<id>/
@login_required
def result(request: AuthedRequest, attempt_id: int) -> HttpResponse:
    attempt = queries.get_result(request.user, attempt_id)
    return render(
        request,
        "assessment/result.html",
        {
            "result": queries.result_of(attempt),
            "answers": queries.answers_by_type(attempt),
            "is_latest": queries.latest_result(request.user) == attempt,
        },
    )


# Work values -----------------------------------------------------------------------------------


def _render_values(
    request: AuthedRequest,
    *,
    choose_form: ChooseValuesForm | None = None,
    own_form: OwnValueForm | None = None,
    status: int = 200,
) -> HttpResponse:
    chosen = list(queries.values_of(request.user))
    choose_form = choose_form or ChooseValuesForm(
        initial={"keys": [row.key for row in chosen if row.key]}
    )
    return render(
        request,
        "assessment/values.html",
        {
            "chosen": chosen,
            "top": values.TOP,
            "choose_form": choose_form,
            "value_boxes": [
                (box, values.BY_KEY[box.data["value"]].description) for box in choose_form["keys"]
            ],
            "own_form": own_form or OwnValueForm(),
        },
        status=status,
    )


# /you/assessment/values/
@login_required
def values_page(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_values(request)
    form = ChooseValuesForm(request.POST)
    if form.is_valid():
        try:
            services.choose_values(owner=request.user, keys=form.cleaned_data["keys"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Values saved. Now put them in order.")
            return redirect(reverse("assessment:values") + "#ranking")
    return _render_values(request, choose_form=form, status=400)


# /you/assessment/values/own/
@login_required
@require_POST
def add_own_value(request: AuthedRequest) -> HttpResponse:
    form = OwnValueForm(request.POST)
    if form.is_valid():
        try:
            row = services.add_own_value(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"“{row.label}” added at the end of your ranking.")
            return redirect(reverse("assessment:values") + f"#value-{row.pk}")
    return _render_values(request, own_form=form, status=400)


# /you/assessment/values/<id>/move/
@login_required
@require_POST
def move_value(request: AuthedRequest, value_id: int) -> HttpResponse:
    row = queries.get_value(request.user, value_id)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move_value(value=row, direction=form.cleaned_data["direction"])
    else:
        messages.error(request, "Move it up, down or to the top.")
    return redirect(reverse("assessment:values") + f"#value-{row.pk}")


# /you/assessment/values/<id>/remove/
@login_required
@require_POST
def remove_value(request: AuthedRequest, value_id: int) -> HttpResponse:
    row = queries.get_value(request.user, value_id)
    services.remove_value(value=row)
    messages.success(request, f"“{row.label}” is no longer in your ranking.")
    return redirect(reverse("assessment:values") + "#ranking")


# Talents ---------------------------------------------------------------------------------------


def _render_talents(
    request: AuthedRequest, *, form: TalentForm | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "assessment/talents.html",
        {
            "talents": list(queries.talents_of(request.user)),
            "form": form or TalentForm(),
            "limit": services.MAX_TALENTS,
        },
        status=status,
    )


# /you/assessment/talents/
@login_required
def talents(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_talents(request)
    form = TalentForm(request.POST)
    if form.is_valid():
        try:
            talent = services.add_talent(owner=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Talent added.")
            return redirect(reverse("assessment:talents") + f"#talent-{talent.pk}")
    return _render_talents(request, form=form, status=400)


# /you/assessment/talents/<id>/
@login_required
@require_POST
def talent(request: AuthedRequest, talent_id: int) -> HttpResponse:
    row = queries.get_talent(request.user, talent_id)
    form = TalentForm(request.POST)
    if form.is_valid():
        try:
            services.update_talent(talent=row, text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, "Talent saved.")
    else:
        messages.error(request, "A talent can't be empty. Delete it instead.")
    return redirect(reverse("assessment:talents") + f"#talent-{row.pk}")


# /you/assessment/talents/<id>/move/
@login_required
@require_POST
def move_talent(request: AuthedRequest, talent_id: int) -> HttpResponse:
    row = queries.get_talent(request.user, talent_id)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move_talent(talent=row, direction=form.cleaned_data["direction"])
    else:
        messages.error(request, "Move it up, down or to the top.")
    return redirect(reverse("assessment:talents") + f"#talent-{row.pk}")


# /you/assessment/talents/<id>/delete/
@login_required
@require_POST
def delete_talent(request: AuthedRequest, talent_id: int) -> HttpResponse:
    row = queries.get_talent(request.user, talent_id)
    services.delete_talent(talent=row)
    messages.success(request, f"“{row.text}” removed.")
    return redirect(reverse("assessment:talents") + "#talents")
