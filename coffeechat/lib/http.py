from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from coffeechat.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request from a signed-in user (what @login_required views receive)."""

    user: User
    htmx: HtmxDetails


def safe_next(request: HttpRequest) -> str:
    """The posted `next` address to come back to, or "" when it leads off this site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""
