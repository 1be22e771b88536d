"""/you/: the user's own profile, and what a LinkedIn export found for it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coffeechat.accounts import services as accounts
from coffeechat.accounts.models import User
from coffeechat.lib.forms import add_errors, error_text
from coffeechat.lib.http import AuthedRequest
from coffeechat.profile import queries, services
from coffeechat.profile.forms import AboutForm, EducationForm, PositionForm, SkillForm
from coffeechat.profile.models import Proposal

# The sections of /you/ a save returns to (the anchors other pages link to).
SECTIONS = ("about", "contact", "signature", "school", "fields", "profile-link", "decision")


@dataclass(frozen=True)
class RowKind:
    """Positions, education and skills: one set of views, each kind's own form and services."""

    key: str  # "position"
    anchor: str  # the section on /you/
    noun: str
    form: type[forms.ModelForm]
    get: Callable[[User, int], Any]  # a Position, Education or Skill
    add: Callable[..., Any]
    update: Callable[..., Any]


ROW_KINDS = {
    "position": RowKind(
        "position",
        "positions",
        "position",
        PositionForm,
        queries.get_position,
        services.add_position,
        lambda row, **f: services.update_position(position=row, **f),
    ),
    "education": RowKind(
        "education",
        "education",
        "school",
        EducationForm,
        queries.get_education,
        services.add_education,
        lambda row, **f: services.update_education(education=row, **f),
    ),
    "skill": RowKind(
        "skill",
        "skills",
        "skill",
        SkillForm,
        queries.get_skill,
        services.add_skill,
        lambda row, **f: services.update_skill(skill=row, **f),
    ),
}


def _you(anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("profile:you") + (f"#{anchor}" if anchor else ""))


def _own_user(request: AuthedRequest) -> User:
    # A copy: a failed save must not leave the signed-in user half-changed in this request.
    return User.objects.get(pk=request.user.pk)


# /you/
@login_required
def you(request: AuthedRequest) -> HttpResponse:
    user = _own_user(request)
    form = AboutForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.update_profile(user=user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Saved.")
            section = request.POST.get("section", "")
            return _you(section if section in SECTIONS else "")
    return _render(request, user, about=form)


def _render(
    request: AuthedRequest,
    user: User,
    *,
    about: AboutForm | None = None,
    bound: dict[str, forms.BaseForm] | None = None,
) -> HttpResponse:
    """The page; `bound` holds a form that failed, by its prefix, to show with its errors."""
    bound = bound or {}
    about = about or AboutForm(instance=user)

    def rows(kind: RowKind, queryset: models.QuerySet) -> list[dict[str, Any]]:
        found = list(queryset)
        return [
            {
                "row": row,
                "form": bound.get(f"{kind.key}-{row.pk}")
                or kind.form(instance=row, prefix=f"{kind.key}-{row.pk}"),
                "open": f"{kind.key}-{row.pk}" in bound,
                "first": i == 0,
                "last": i == len(found) - 1,
            }
            for i, row in enumerate(found)
        ]

    proposals = list(queries.pending_proposals_for(user))
    by_kind: dict[str, list[Proposal]] = {}
    for proposal in proposals:
        by_kind.setdefault(proposal.kind, []).append(proposal)
    context = {
        "about": about,
        "me": user,
        "positions": rows(ROW_KINDS["position"], queries.positions_for(user)),
        "education": rows(ROW_KINDS["education"], queries.education_for(user)),
        "skills": rows(ROW_KINDS["skill"], queries.skills_for(user)),
        "new": {
            key: bound.get(f"new-{key}") or kind.form(prefix=f"new-{key}")
            for key, kind in ROW_KINDS.items()
        },
        "proposals": proposals,
        "found_count": sum(1 for p in proposals if p.kind != Proposal.Kind.HEADLINE),
        "found_fields": [p for p in proposals if p.is_field and p.kind != Proposal.Kind.HEADLINE],
        "headline": next(iter(by_kind.get(Proposal.Kind.HEADLINE, [])), None),
        "found_positions": by_kind.get(Proposal.Kind.POSITION, []),
        "found_education": by_kind.get(Proposal.Kind.EDUCATION, []),
        "found_skills": by_kind.get(Proposal.Kind.SKILL, []),
        "adding": {key for key in ROW_KINDS if f"new-{key}" in bound},
    }
    failed = bool(bound) or about.errors
    return render(request, "profile/you.html", context, status=400 if failed else 200)


# /you/positions/ · /you/education/ · /you/skills/
@login_required
@require_POST
def add_row(request: AuthedRequest, kind: str) -> HttpResponse:
    row_kind = ROW_KINDS[kind]
    prefix = f"new-{kind}"
    form = row_kind.form(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            added = row_kind.add(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if added is None:
                messages.warning(request, f"You already have that {row_kind.noun}.")
            else:
                messages.success(request, f"Added {added}.")
            return _you(row_kind.anchor)
    return _render(request, _own_user(request), bound={prefix: form})


# /you/positions/<id>/ · /you/education/<id>/ · /you/skills/<id>/
@login_required
@require_POST
def edit_row(request: AuthedRequest, kind: str, row_id: int) -> HttpResponse:
    row_kind = ROW_KINDS[kind]
    row = row_kind.get(request.user, row_id)
    prefix = f"{kind}-{row.pk}"
    form = row_kind.form(request.POST, instance=row, prefix=prefix)
    if form.is_valid():
        try:
            row_kind.update(row, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Saved {row}.")
            return _you(f"{kind}-{row.pk}")
    return _render(request, _own_user(request), bound={prefix: form})


# /you/positions/<id>/move/ ...
@login_required
@require_POST
def move_row(request: AuthedRequest, kind: str, row_id: int) -> HttpResponse:
    row = ROW_KINDS[kind].get(request.user, row_id)
    try:
        services.move(row=row, direction=request.POST.get("direction", ""))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return _you(f"{kind}-{row.pk}")


# /you/positions/<id>/delete/ ...
@login_required
@require_POST
def delete_row(request: AuthedRequest, kind: str, row_id: int) -> HttpResponse:
    row_kind = ROW_KINDS[kind]
    row = row_kind.get(request.user, row_id)
    services.delete(row=row)
    messages.success(request, f"Removed {row}.")
    return _you(row_kind.anchor)


# /you/found/<id>/accept/
@login_required
@require_POST
def accept_proposal(request: AuthedRequest, proposal_id: int) -> HttpResponse:
    proposal = queries.get_proposal(request.user, proposal_id)
    try:
        services.accept(proposal=proposal)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"Added to your profile: {proposal.summary}.")
    return _you("found")


# /you/found/<id>/ignore/
@login_required
@require_POST
def ignore_proposal(request: AuthedRequest, proposal_id: int) -> HttpResponse:
    proposal = queries.get_proposal(request.user, proposal_id)
    try:
        services.ignore(proposal=proposal)
    except ValidationError as error:
        messages.error(request, error_text(error))
    return _you("found")


# /you/found/accept/
@login_required
@require_POST
def accept_proposals(request: AuthedRequest) -> HttpResponse:
    kinds = [k for k in request.POST.getlist("kind") if k in Proposal.Kind.values]
    result = services.accept_all(owner=request.user, kinds=kinds)
    if result.accepted:
        messages.success(request, f"Added {len(result.accepted)} to your profile.")
    for proposal, reason in result.refused:
        messages.error(request, f"Not added: {proposal.summary} ({reason})")
    return _you("found" if queries.pending_proposals_for(request.user).exists() else "")
