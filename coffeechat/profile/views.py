"""/you/: the user's own profile, and what a LinkedIn export found for it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from coffeechat.lib.forms import error_text
from coffeechat.lib.http import AuthedRequest
from coffeechat.profile import queries, services
from coffeechat.profile.models import Proposal
from coffeechat.profile.rows import ROW_KINDS


def _you(anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("profile:you") + (f"#{anchor}" if anchor else ""))


# /you/, and a row added or edited there (a failed form draws the page again with the
# self-assessment): pages/views.py.


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
