from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coffeechat.api import queries, services
from coffeechat.api.forms import TokenForm
from coffeechat.lib.forms import add_errors
from coffeechat.lib.http import AuthedRequest

# The clear token waits in the session for the one page view after the redirect, then goes.
NEW_SECRET = "api_new_token"
SHOWN_STOPPED = 10  # revoked and expired tokens listed under the active ones


# /settings/api-tokens/
@login_required
def tokens(request: AuthedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.create_token(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            request.session[NEW_SECRET] = {"id": new.token.pk, "secret": new.secret}
            return redirect("api:tokens")
    now = timezone.now()
    context = {
        "form": form,
        "new": request.session.pop(NEW_SECRET, None),
        "active": queries.active_tokens_for(request.user, now),
        "stopped": queries.stopped_tokens_for(request.user, now)[:SHOWN_STOPPED],
        "per_minute": services.requests_per_minute(),
    }
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


# /settings/api-tokens/<id>/revoke/
@login_required
@require_POST
def revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = services.revoke_token(token=queries.get_token(request.user, token_id))
    messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("api:tokens")
